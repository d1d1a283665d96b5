/**
 * The entry to the RTC layer: a registration with a signaling server as an Observable.
 */
import { Observable } from 'rxjs';
import { PeerSession, type PeerSessionOptions } from './PeerSession.ts';

/**
 * Subscribing registers a Peer with the signaling server (a random ID or `options.id`) and
 * emits its {@link PeerSession} at once; watch `state$` for `open`. Signaling loss is retried
 * by the reconnect policy while existing connections keep working. Errors with a
 * `SignalingError` when registration cannot succeed; unsubscribing destroys the Peer and
 * every connection and call made through it.
 *
 * @example
 * ```ts
 * peerSession({ id: 'alice' })
 *   .pipe(switchMap((session) => session.connect('bob')), switchMap((channel) => channel.messages$))
 *   .subscribe((message) => console.log('bob says', message));
 * ```
 */
export function peerSession(options: PeerSessionOptions = {}): Observable<PeerSession> {
  return new Observable<PeerSession>((subscriber) => {
    const session = new PeerSession(options);
    subscriber.next(session);
    const running = session.run().subscribe({
      error: (error: unknown) => {
        session.dispose();
        subscriber.error(error);
      },
    });
    return () => {
      running.unsubscribe();
      session.dispose();
    };
  });
}
