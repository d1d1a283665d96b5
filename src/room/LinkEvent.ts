/**
 * What a member's link tells its room (see MemberLink.ts).
 */
import type { HandshakeOutcome } from './Handshake.ts';
import type { WireMessageOf } from './protocol.ts';
import type { RoomError } from './RoomError.ts';
import type { VideoSize } from './splitUplink.ts';

/** Why a link ended: a goodbye, its channel closed, it fell silent, a refusal, the pair's other link won, or this side left. */
export type LinkEnd = 'bye' | 'closed' | 'silent' | 'refused' | 'replaced' | 'left';

/** What a link tells its room, in order; `ended` is the last. */
export type LinkEvent =
  /**
   * The member's proof checked out (`name`: what it calls itself). What is for members only
   * may be sent from here on: this side's proof went out before it, so the member has admitted
   * this side when it arrives.
   */
  | { readonly type: 'admitted'; readonly name: string | undefined }
  /** The directory's holder, on the link a newcomer joined by, listed whom else to dial. */
  | { readonly type: 'listed'; readonly members: WireMessageOf<'members'>['members'] }
  | { readonly type: 'data'; readonly data: unknown; readonly direct: boolean }
  /** The member shows this side's video at most `size` large (device pixels), or at any size (`null`). */
  | { readonly type: 'view'; readonly size: VideoSize | null }
  | { readonly type: 'refused'; readonly outcome: Extract<HandshakeOutcome, { type: 'refused' }> }
  | { readonly type: 'error'; readonly error: RoomError }
  | { readonly type: 'ended'; readonly why: LinkEnd };
