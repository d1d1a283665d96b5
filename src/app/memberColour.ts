/**
 * A colour per member name, the same on every page: the synthetic picture's background, so
 * people tell cubes apart at a glance.
 */

/**
 * A saturated, mid-light CSS colour chosen by hashing `name`.
 *
 * @example
 * ```ts
 * createSyntheticStream({ label: 'Ada', color: memberColour('Ada') });
 * ```
 */
export function memberColour(name: string): string {
  let hash = 2166136261;
  for (let index = 0; index < name.length; index += 1) hash = Math.imul(hash ^ name.charCodeAt(index), 16777619);
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue} 65% 42%)`;
}
