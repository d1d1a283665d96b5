/**
 * Where a member meets the others of its room: the server's room directory, where the server
 * keeps one (peerstage's own servers: see enterRoomDirectory.ts), else the room's rendezvous ID.
 */
import { defer, type Observable } from 'rxjs';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { signalingAtPageOrigin, type SignalingOptions } from '../rtc/signalingOptions.ts';
import { type AdmissionKey, directoryLock } from './admission.ts';
import { enterRoomDirectory } from './enterRoomDirectory.ts';
import { keyedRendezvousId } from './rendezvousId.ts';
import { type DirectoryListing, roomTag } from './roomDirectoryWire.ts';
import { RoomError } from './RoomError.ts';

export interface MeetingPlace {
  /** Whom the server's directory lists for this member; `null`: the server keeps none. */
  readonly listing: DirectoryListing | null;
  /** Where the room meets on a stock PeerServer, under this member's passphrase. */
  readonly rendezvousId: string;
}

export interface MeetingRequest {
  readonly roomId: string;
  readonly key: Promise<AdmissionKey>;
  /** Default: the page's own origin, path `/peerjs`. */
  readonly signaling?: SignalingOptions;
}

/**
 * Enters the room at the server's directory when subscribed (this member must be registered:
 * its ID and token prove it), and emits where it meets the others. Errors with a `RoomError`
 * worth trying again; with the key's derivation's error if that failed.
 *
 * @example
 * ```ts
 * import { admissionKey } from './admission.ts';
 * askMeetingPlace(session, { roomId: 'jam', key: admissionKey('jam', undefined) }).subscribe(({ listing }) =>
 *   console.log(listing ? `${listing.members.length} listed` : 'a stock PeerServer'),
 * );
 * ```
 */
export function askMeetingPlace(session: PeerSession, { roomId, key, signaling }: MeetingRequest): Observable<MeetingPlace> {
  return defer(async () => {
    const id = session.id;
    const token = session.signalingToken;
    if (!id || !token) throw new RoomError('join-failed', 'not registered with the signaling server yet');
    const derived = await key;
    const [room, lock, rendezvousId] = await Promise.all([roomTag(roomId), directoryLock(derived), keyedRendezvousId(roomId, derived)]);
    const listing = await enterRoomDirectory(signaling ?? signalingAtPageOrigin(), { room, lock, id, token });
    return { listing, rendezvousId };
  });
}
