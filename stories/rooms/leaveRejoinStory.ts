/**
 * Story 3, "Leave and rejoin": any member leaves and joins again; the others drop it at once
 * and then list it anew, under a new ID.
 */
import type { Subscription } from 'rxjs';
import { DEFAULT_HEARTBEAT } from '../../src/index.ts';
import { membersRow } from './memberCard.ts';
import { threeMembers, type ThreeMembersArgs } from './memberArgs.ts';
import { rosterChangesPart } from './rosterChangesPart.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { videosPart } from './videosPart.ts';
import { virtualMember } from './virtualMember.ts';

export interface LeaveRejoinArgs extends ThreeMembersArgs {
  /** Silence after which a member that left without a word counts as gone. */
  readonly leaveAfterMs: number;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderLeaveRejoin(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderLeaveRejoin(args: LeaveRejoinArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const heartbeat = { heartbeatMs: DEFAULT_HEARTBEAT.heartbeatMs, leaveAfterMs: args.leaveAfterMs };
  const members = threeMembers(args).map((spec) =>
    virtualMember(
      { ...spec, join: { heartbeat } },
      { roomId, toggle: true, parts: [rosterPart(), rosterChangesPart(), videosPart()] },
      lifetime,
    ),
  );
  return membersRow(...members.map((member) => member.card));
}
