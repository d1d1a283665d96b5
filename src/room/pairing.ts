/**
 * The pairing rule of the mesh: exactly one link per pair of members. Newcomers dial those the
 * directory lists, so two links between one pair arise only in races (two directories in a
 * handover, a retry); then both ends keep the link dialed by the lower ID and close the
 * other. Both ends see the same two dialers, so both keep the same link.
 */

/**
 * Whether the link already held (dialed by `existingDialer`) stays when another one, dialed by
 * `newDialer`, arrives for the same member.
 *
 * @example
 * ```ts
 * keepsExistingLink('a', 'b'); // → true: 'a' < 'b', the new link is closed
 * ```
 */
export function keepsExistingLink(existingDialer: string, newDialer: string): boolean {
  return existingDialer <= newDialer;
}
