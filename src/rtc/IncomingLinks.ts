/**
 * What others open to a peer session: data connections, handed on once open, and calls, to be
 * answered or declined. Every one of them still open is closed with it.
 */
import type { DataConnection, MediaConnection } from 'peerjs';
import { type Observable, Subject, Subscription, timeout } from 'rxjs';
import type { ChannelOptions } from './channelOptions.ts';
import type { DataChannel } from './DataChannel.ts';
import { ConnectionError } from './errors.ts';
import { IncomingCall } from './IncomingCall.ts';
import { openDataChannel } from './openDataChannel.ts';
import type { PeerRegistration } from './PeerRegistration.ts';

export class IncomingLinks {
  /** Data connections others opened, once open. */
  readonly connections$: Observable<DataChannel>;
  /** Calls others make; answer or decline each. */
  readonly calls$: Observable<IncomingCall>;
  /** Connections refused (not PeerJS's `raw` serialization) or never opened. */
  readonly errors$: Observable<ConnectionError>;

  readonly #registration: PeerRegistration;
  readonly #channelFor: (label: string) => ChannelOptions;
  readonly #timeoutMs: number;
  readonly #connections = new Subject<DataChannel>();
  readonly #calls = new Subject<IncomingCall>();
  readonly #errors = new Subject<ConnectionError>();
  /** The data connections taken in (opening or open), and what the registration hands over. */
  readonly #owned = new Subscription();
  /** Calls offered and not closed yet, answered or not. */
  readonly #offered = new Set<MediaConnection>();

  /**
   * Takes what `registration`'s Peers are offered; `channelFor` gives each channel's options by
   * its label, and a connection not open within `timeoutMs` is dropped.
   */
  constructor(registration: PeerRegistration, channelFor: (label: string) => ChannelOptions, timeoutMs: number) {
    this.#registration = registration;
    this.#channelFor = channelFor;
    this.#timeoutMs = timeoutMs;
    this.connections$ = this.#connections.asObservable();
    this.calls$ = this.#calls.asObservable();
    this.errors$ = this.#errors.asObservable();
    this.#owned.add(registration.connections$.subscribe((connection) => this.#accept(connection)));
    this.#owned.add(registration.calls$.subscribe((connection) => this.#offerCall(connection)));
  }

  /** Closes every data connection and call taken in and still open. Idempotent. */
  dispose(): void {
    this.#owned.unsubscribe();
    for (const call of this.#offered) call.close();
    this.#offered.clear();
    this.#connections.complete();
    this.#calls.complete();
    this.#errors.complete();
  }

  #accept(connection: DataConnection): void {
    if (connection.serialization !== 'raw') {
      this.#errors.next(
        new ConnectionError(
          'malformed',
          connection.peer,
          `${connection.peer} uses PeerJS serialization '${connection.serialization}'; peerstage speaks 'raw'`,
        ),
      );
      connection.close();
      return;
    }
    this.#registration.keep(connection, 'answerer');
    const opening = openDataChannel(connection, {
      channel: this.#channelFor(connection.label),
      unavailable$: this.#registration.unavailable$,
    }).pipe(timeout({ first: this.#timeoutMs }));
    const subscription = opening.subscribe({
      next: (channel) => this.#connections.next(channel),
      error: (error: unknown) => {
        this.#owned.remove(subscription);
        this.#errors.next(asConnectionError(error, connection.peer));
      },
      complete: () => this.#owned.remove(subscription),
    });
    if (!subscription.closed) this.#owned.add(subscription);
  }

  #offerCall(connection: MediaConnection): void {
    this.#offered.add(connection);
    connection.once('close', () => this.#offered.delete(connection));
    this.#calls.next(
      new IncomingCall(
        connection,
        (label) => this.#channelFor(label),
        (answered) => this.#registration.keep(answered, 'answerer'),
      ),
    );
  }
}

function asConnectionError(error: unknown, peerId: string): ConnectionError {
  if (error instanceof ConnectionError) return error;
  return new ConnectionError('timeout', peerId, `the connection from ${peerId} did not open`, { cause: error });
}
