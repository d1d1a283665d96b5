/**
 * An open data connection to one remote peer: messages in as an Observable, `send` and
 * `transfer` out, with backpressure and chunking. It is handed out by `connect()` and
 * `connections$` of a {@link PeerSession}, or by a call that carries one (`Call.channel$`),
 * and lives until either side closes it.
 */
import { concat, defer, from, Observable, ReplaySubject, Subject } from 'rxjs';
import { ChannelReceiver, type IncomingTransfer } from './ChannelReceiver.ts';
import { ChannelSender, type BinaryData } from './ChannelSender.ts';
import type { ChannelOptions } from './channelOptions.ts';
import { connectionStats, type ConnectionStats, type ConnectionStatsOptions } from './connectionStats.ts';
import { ConnectionError } from './errors.ts';
import type { TransferProgress } from './TransferAssembler.ts';
import { utf8ByteLength } from './utf8ByteLength.ts';

/**
 * What a channel runs on: a PeerJS data connection, or the channel a call carries inside its
 * own connection (see callChannel.ts). `close` closes the channel, and `'close'` is heard when
 * it or its connection has closed.
 */
export interface ChannelCarrier {
  readonly peer: string;
  readonly label: string;
  readonly metadata: unknown;
  readonly dataChannel: RTCDataChannel;
  readonly peerConnection: RTCPeerConnection;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  close(): void;
}

export class DataChannel {
  /** The ID of the peer at the other end. */
  readonly remoteId: string;
  /** The label the dialling side chose (PeerJS's connection label, or the carried channel's). */
  readonly label: string;
  /** Whatever the dialling side attached to the connection. */
  readonly metadata: unknown;
  /** The PeerJS connection (or the call's carried channel) underneath, for what this class does not cover. */
  readonly connection: ChannelCarrier;
  /**
   * Received values in order: JSON values as parsed, binary transfers as `ArrayBuffer`.
   * What arrives before the first subscriber is kept for it; completes when the channel closes.
   */
  readonly messages$: Observable<unknown>;
  /** Progress of incoming binary transfers. */
  readonly transfers$: Observable<IncomingTransfer>;
  /**
   * What the remote sent that was refused: malformed, too large, over the page's transfer
   * budget, binary where only JSON is taken (said once). The channel stays open.
   */
  readonly errors$: Observable<ConnectionError>;
  /** Emits once and completes when the channel has closed, whichever side closed it. */
  readonly closed$: Observable<void>;
  /** The WebRTC connection underneath. Kept here because PeerJS forgets it on close. */
  readonly peerConnection: RTCPeerConnection;

  readonly #channel: RTCDataChannel;
  readonly #options: ChannelOptions;
  readonly #sender: ChannelSender;
  readonly #receiver: ChannelReceiver;
  readonly #messages = new Subject<unknown>();
  readonly #transfers = new Subject<IncomingTransfer>();
  readonly #errors = new Subject<ConnectionError>();
  readonly #closed = new ReplaySubject<void>(1);
  /** Messages held until `messages$` has a subscriber; `null` once it has. */
  #early: unknown[] | null = [];
  #isClosed = false;

  constructor(connection: ChannelCarrier, options: ChannelOptions) {
    this.connection = connection;
    this.remoteId = connection.peer;
    this.label = connection.label;
    this.metadata = connection.metadata;
    this.#channel = connection.dataChannel;
    this.peerConnection = connection.peerConnection;
    this.#options = options;
    this.#sender = new ChannelSender(this.#channel, this.remoteId, options);
    this.#receiver = new ChannelReceiver(
      this.remoteId,
      options.limits,
      {
        message: (data) => (this.#early ? this.#early.push(data) : this.#messages.next(data)),
        transfer: (progress) => this.#transfers.next(progress),
        error: (error) => this.#errors.next(error),
      },
      { acceptsTransfers: options.acceptsTransfers, budget: options.transferBudget },
    );
    this.messages$ = defer(() => {
      const early = this.#early ?? [];
      this.#early = null;
      return concat(from(early), this.#messages);
    });
    this.transfers$ = this.#transfers.asObservable();
    this.errors$ = this.#errors.asObservable();
    this.closed$ = this.#closed.asObservable();

    this.#channel.addEventListener('message', this.#onMessage);
    connection.on('close', this.#onClose);
    // A channel can close before PeerJS notices (the remote tab crashed, ICE failed).
    this.#channel.addEventListener('close', this.#onClose);
  }

  /** Whether values can still be sent. */
  get isOpen(): boolean {
    return this.#channel.readyState === 'open';
  }

  /**
   * Sends a value: binary data (`ArrayBuffer`, a typed array, a `Blob`) as a chunked transfer
   * that arrives as one `ArrayBuffer`, anything else as JSON. Resolves once it is handed to the
   * channel, after everything sent before it; rejects with a {@link ConnectionError} if it is
   * too large or the channel closed.
   *
   * @example
   * ```ts
   * await channel.send({ text: 'hello' });
   * await channel.send(new Uint8Array([1, 2, 3]));
   * ```
   */
  send(data: unknown): Promise<void> {
    if (isBinary(data)) return this.#sender.transfer(data, new AbortController().signal, () => undefined);
    const text = JSON.stringify(data);
    if (text === undefined) return Promise.reject(new TypeError(`${typeof data} cannot be sent as JSON`));
    const bytes = utf8ByteLength(text);
    if (bytes > this.#options.limits.maxMessageBytes) {
      return Promise.reject(
        new ConnectionError(
          'too-large',
          this.remoteId,
          `a message of ${bytes} bytes exceeds the limit of ${this.#options.limits.maxMessageBytes}; send binary data for large payloads`,
        ),
      );
    }
    return this.#sender.sendText(text, bytes);
  }

  /**
   * Sends binary data as a transfer, reporting the bytes handed to the channel after each
   * chunk; completes when all are. Unsubscribing before that aborts it: the receiver drops
   * what it got. Cold: nothing is sent until subscribed.
   *
   * @example
   * ```ts
   * channel.transfer(file).subscribe(({ bytes, totalBytes }) => console.log(`sent ${bytes} of ${totalBytes} bytes`));
   * ```
   */
  transfer(data: BinaryData): Observable<TransferProgress> {
    return new Observable<TransferProgress>((subscriber) => {
      const controller = new AbortController();
      this.#sender
        .transfer(data, controller.signal, (progress) => subscriber.next(progress))
        .then(
          () => subscriber.complete(),
          (error: unknown) => subscriber.error(error),
        );
      return () => controller.abort(new ConnectionError('closed', this.remoteId, 'the transfer was unsubscribed'));
    });
  }

  /**
   * Round trip, bitrates, loss and candidate types of this connection, sampled while
   * subscribed (once a second by default; see {@link connectionStats}) until it closes.
   *
   * @example
   * ```ts
   * channel.stats({ intervalMs: 250 }).subscribe(({ roundTripMs }) => console.log(`round trip: ${roundTripMs ?? '?'} ms`));
   * ```
   */
  stats(options?: ConnectionStatsOptions): Observable<ConnectionStats> {
    return connectionStats(this.peerConnection, options);
  }

  /**
   * Closes the connection at once (what is still queued is dropped); the remote sees it close.
   * Idempotent.
   *
   * @example
   * ```ts
   * channel.close();
   * ```
   */
  close(): void {
    this.connection.close();
    this.#onClose();
  }

  readonly #onMessage = (event: MessageEvent<unknown>): void => {
    this.#receiver.receive(event.data);
  };

  readonly #onClose = (): void => {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#channel.removeEventListener('message', this.#onMessage);
    this.#channel.removeEventListener('close', this.#onClose);
    this.connection.off('close', this.#onClose);
    this.#receiver.clear();
    if (this.#channel.readyState !== 'closed') this.connection.close();
    this.#messages.complete();
    this.#transfers.complete();
    this.#errors.complete();
    this.#closed.next();
    this.#closed.complete();
  };
}

function isBinary(data: unknown): data is BinaryData {
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data) || (typeof Blob !== 'undefined' && data instanceof Blob);
}
