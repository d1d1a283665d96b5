/**
 * Who stands on the Peers on cubes stage: you and up to five in-page members, each with a
 * picture colour and a tone of its own.
 */

export interface CubeMember {
  readonly name: string;
  /** Background of its synthetic picture: what its cube shows, told apart at a glance. */
  readonly color: string;
  /** Hz of its tone. */
  readonly frequency: number;
}

/** This page's own member. */
export const YOU: CubeMember = { name: 'Ada', color: '#e02424', frequency: 440 };

/**
 * The virtual members, in the order they are added as the member count grows. Colours far
 * from one another, from the stage background and from the name faces' grey, so a play
 * function can tell each cube's picture by its colour. At least two: the play functions name
 * the first two.
 */
export const OTHERS: readonly [CubeMember, CubeMember, ...CubeMember[]] = [
  { name: 'Bo', color: '#1fbf3f', frequency: 550 },
  { name: 'Cy', color: '#2a4fe0', frequency: 660 },
  { name: 'Di', color: '#f0c020', frequency: 770 },
  { name: 'Ed', color: '#d030d0', frequency: 880 },
  { name: 'Flo', color: '#20d0d0', frequency: 990 },
];

/** Everyone a story can have, you first. */
export const EVERYONE: readonly CubeMember[] = [YOU, ...OTHERS];

export const MAX_MEMBERS = EVERYONE.length;

/**
 * The colour a member's picture has, by name; grey for a member the story does not know
 * (another tab that joined the same room).
 *
 * @example
 * ```ts
 * colorOf('Bo'); // '#1fbf3f'
 * ```
 */
export function colorOf(name: string): string {
  return EVERYONE.find((member) => member.name === name)?.color ?? '#888888';
}

/**
 * You and the first `count - 1` others.
 *
 * @example
 * ```ts
 * membersOf(3); // [Ada, Bo, Cy]
 * ```
 */
export function membersOf(count: number): readonly CubeMember[] {
  const others = Math.min(OTHERS.length, Math.max(1, Math.round(count) - 1));
  return [YOU, ...OTHERS.slice(0, others)];
}
