/**
 * A short-lived link to or from the room's directory (the holder of its rendezvous ID): the
 * same handshake as a member link, then the member list, then it closes.
 */
import { concatMap, EMPTY, from, Observable, of, throwError } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { dtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { Handshake, type HandshakeContext } from './Handshake.ts';
import { decodeWireMessage, wire, type WireMessage } from './protocol.ts';
import { RoomError } from './RoomError.ts';

/** Which end of the link this side is: a passphrase mismatch means something else to each. */
export type DirectoryRole = 'joiner' | 'directory';

export type DirectoryStep = { readonly type: 'admitted' } | { readonly type: 'message'; readonly message: WireMessage };

/**
 * Runs the handshake on `channel`: emits `admitted` once it succeeds and then each later
 * message; errors with a {@link RoomError} when either side refuses. Malformed input from the
 * other side ends it too: a directory link has no second chance.
 *
 * @example
 * ```ts
 * import type { HandshakeContext } from './Handshake.ts';
 * declare const context: Omit<HandshakeContext, 'dialed' | 'fingerprints'>;
 * directoryLink(channel, context, 'directory').subscribe((step) => step.type === 'admitted' && console.log('admitted'));
 * ```
 */
export function directoryLink(
  channel: DataChannel,
  context: Omit<HandshakeContext, 'dialed' | 'fingerprints'>,
  role: DirectoryRole,
): Observable<DirectoryStep> {
  return new Observable<DirectoryStep>((subscriber) => {
    const linkContext = { ...context, dialed: role === 'joiner', fingerprints: () => dtlsFingerprints(channel.peerConnection) };
    const handshake = new Handshake(linkContext, (message) => {
      channel.send(wire(message)).catch(() => undefined);
    });
    const subscription = channel.messages$
      .pipe(
        concatMap((value): Observable<DirectoryStep> => {
          const message = decodeWireMessage(value, channel.remoteId);
          if (message instanceof RoomError) return throwError(() => message);
          if (handshake.outcome?.type === 'admitted') return of({ type: 'message', message });
          return from(handshake.receive(message)).pipe(
            concatMap((outcome): Observable<DirectoryStep> => {
              if (!outcome) return EMPTY;
              if (outcome.type === 'admitted') return of({ type: 'admitted' });
              if (outcome.type === 'broken') {
                return throwError(() => new RoomError('malformed-message', outcome.detail, { peerId: channel.remoteId }));
              }
              return throwError(() => refusalError(outcome.reason, role, channel.remoteId));
            }),
          );
        }),
      )
      .subscribe(subscriber);
    handshake.start();
    return subscription;
  });
}

function refusalError(reason: 'wrong-passphrase' | 'room-full' | 'wrong-room', role: DirectoryRole, peerId: string): RoomError {
  switch (reason) {
    case 'room-full':
      return new RoomError('room-full', 'the room is full', { peerId });
    case 'wrong-room':
      return new RoomError('join-failed', `${peerId} answers for another room`, { peerId });
    case 'wrong-passphrase':
      // Both ends fail each other's proof alike; the one that asked to join is the one refused.
      return role === 'directory'
        ? new RoomError('admission-refused', `${peerId} could not prove the room's passphrase`, { peerId })
        : new RoomError('wrong-passphrase', 'the room did not accept this passphrase', { peerId });
  }
}
