/**
 * What a room member has once registered with the signaling server (see RoomController.ts).
 */
import type { PeerSession } from '../rtc/PeerSession.ts';
import type { MemberCalls } from './MemberCalls.ts';
import type { MemberDialer } from './MemberDialer.ts';
import type { RoomMeeting } from './RoomMeeting.ts';

/** The label of a room's links: a channel labelled otherwise is not one. */
export const ROOM_LABEL = 'peerstage-room';

/** A registered member's session, what places and answers its calls and dials, and how it meets the others. */
export interface Mesh {
  readonly session: PeerSession;
  /** This member's ID, as registered. */
  readonly ownId: string;
  readonly calls: MemberCalls;
  readonly dialer: MemberDialer;
  readonly meeting: RoomMeeting;
}
