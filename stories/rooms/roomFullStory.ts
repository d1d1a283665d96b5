/**
 * Story 5, "Room full": a room for `maxMembers`; the third member to come is refused while it
 * is full.
 */
import { combineLatest, filter, type Subscription } from 'rxjs';
import { errorsPart } from './errorsPart.ts';
import { membersRow } from './memberCard.ts';
import { threeMembers, type ThreeMembersArgs } from './memberArgs.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { virtualMember } from './virtualMember.ts';

export interface RoomFullArgs extends ThreeMembersArgs {
  /** Most members the room takes, each member included; every member joins with the same. */
  readonly maxMembers: number;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderRoomFull(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderRoomFull(args: RoomFullArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const [adaSpec, boSpec, cySpec] = threeMembers(args);
  const join = { maxMembers: args.maxMembers };
  const parts = () => [rosterPart(), errorsPart()];
  const ada = virtualMember({ ...adaSpec, join }, { roomId, parts: parts(), toggle: true }, lifetime);
  const bo = virtualMember({ ...boSpec, join }, { roomId, parts: parts(), toggle: true }, lifetime);
  // The third comes once the first two list each other: which one of three arriving together
  // would be refused is a race.
  const paired = combineLatest([ada.peers$, bo.peers$]).pipe(filter(([atAda, atBo]) => atAda.length > 0 && atBo.length > 0));
  const cy = virtualMember({ ...cySpec, join }, { roomId, parts: parts(), joinWhen: paired, toggle: true }, lifetime);
  return membersRow(ada.card, bo.card, cy.card);
}
