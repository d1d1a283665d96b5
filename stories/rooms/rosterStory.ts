/**
 * Story 1, "Roster": three members join one room; each lists the others and plays their
 * streams.
 */
import type { Subscription } from 'rxjs';
import { membersRow } from './memberCard.ts';
import { threeMembers, type ThreeMembersArgs } from './memberArgs.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { videosPart } from './videosPart.ts';
import { virtualMember } from './virtualMember.ts';

export type RosterArgs = ThreeMembersArgs;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderRoster(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderRoster(args: RosterArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  // All three at once, as three people opening the same link together.
  const members = threeMembers(args).map((spec) => virtualMember(spec, { roomId, parts: [rosterPart(), videosPart()] }, lifetime));
  return membersRow(...members.map((member) => member.card));
}
