/**
 * What a refusal in a link's handshake means to the room. Only a refusal the room can trust
 * ends this member's session: see the README's "Security" section for what a stranger can do.
 */
import type { HandshakeOutcome } from './Handshake.ts';
import { RoomError } from './RoomError.ts';

export type Refusal = Extract<HandshakeOutcome, { type: 'refused' }>;

/** Where the refusal came from. */
export interface RefusalSource {
  /** The member whose link it was. */
  readonly peerId: string;
  /**
   * On the link a newcomer joined by, with the directory's holder (a stock PeerServer): the
   * holder may be a stranger squatting the room's rendezvous ID.
   */
  readonly onJoinLink: boolean;
  /** This member meets the others at the server's room directory. */
  readonly atServer: boolean;
}

export interface RefusalVerdict {
  /** What to tell on `errors$`, if anything. */
  readonly report: RoomError | null;
  /** The refusal ends this member's session (reported as this error). */
  readonly ends: RoomError | null;
  /**
   * The member said, having proved itself, that the room is full: the room is full when as
   * many members as it holds (less this one) say so and nobody took this one in.
   */
  readonly provenFull: boolean;
}

const NOTHING: RefusalVerdict = { report: null, ends: null, provenFull: false };

/**
 * Judges `refusal` from `source`. On a join link, a full room said with a proof ends the join;
 * anything else is reported and the search goes on. On a member's link, a wrong passphrase
 * keeps the pair apart (both ends fail each other's proof alike), and a full room said with a
 * proof counts towards the room being full (fewer than all is one member's word, which a
 * stranger in the room could give too).
 *
 * @example
 * ```ts
 * declare const refusal: Refusal;
 * const verdict = judgeRefusal(refusal, { peerId: 'bo', onJoinLink: false, atServer: true });
 * if (verdict.report) console.warn(verdict.report.message);
 * ```
 */
export function judgeRefusal(refusal: Refusal, { peerId, onJoinLink, atServer }: RefusalSource): RefusalVerdict {
  const full = refusal.reason === 'room-full' && !refusal.byUs;
  if (onJoinLink) {
    if (full && refusal.proven) return { ...NOTHING, ends: new RoomError('room-full', 'the room is full') };
    if (refusal.reason === 'wrong-passphrase') {
      return { ...NOTHING, report: new RoomError('wrong-passphrase', 'the room did not accept this passphrase') };
    }
    if (full) {
      return {
        ...NOTHING,
        report: new RoomError('admission-refused', "the room's directory said the room is full without proving itself"),
      };
    }
    return NOTHING;
  }
  if (refusal.reason === 'wrong-passphrase') {
    const why = refusal.byUs ? `${peerId} could not prove the room's passphrase` : `${peerId} did not accept this member's passphrase`;
    return { ...NOTHING, report: new RoomError('admission-refused', why, { peerId }) };
  }
  if (!full) return NOTHING;
  return {
    ...NOTHING,
    report: new RoomError('room-full', `${peerId} says the room is full`, { peerId }),
    provenFull: refusal.proven && atServer,
  };
}
