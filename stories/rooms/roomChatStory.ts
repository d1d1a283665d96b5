/**
 * Story 2, "Chat": the first member writes to everyone or to one member; every member's log
 * shows what reached it.
 */
import type { Subscription } from 'rxjs';
import { chatPart } from './chatPart.ts';
import { errorsPart } from './errorsPart.ts';
import { membersRow } from './memberCard.ts';
import { threeMembers, type ThreeMembersArgs } from './memberArgs.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { virtualMember } from './virtualMember.ts';

export type RoomChatArgs = ThreeMembersArgs;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderRoomChat(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderRoomChat(args: RoomChatArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const members = threeMembers(args).map((spec, index) =>
    virtualMember(spec, { roomId, parts: [rosterPart(), chatPart({ canSend: index === 0 }), errorsPart()] }, lifetime),
  );
  return membersRow(...members.map((member) => member.card));
}
