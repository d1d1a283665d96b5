/**
 * The receiving half of a data channel: text frames are JSON values, binary frames are chunks
 * of transfers. Whatever the remote sends, the outcome is a value, a progress report or a
 * typed error — never an exception in the channel's event handler.
 *
 * A channel whose protocol is JSON only refuses transfers: its binary frames are dropped
 * unread (not decoded, nothing allocated or claimed), and the first one is reported.
 */
import { decodeFrame } from './binaryFrames.ts';
import type { ChannelLimits } from './channelOptions.ts';
import { ConnectionError, type ConnectionErrorReason } from './errors.ts';
import { TransferAssembler, type AssemblerOptions, type TransferProgress } from './TransferAssembler.ts';
import { utf8ByteLength } from './utf8ByteLength.ts';

/** Where an incoming transfer stands. */
export interface IncomingTransfer extends TransferProgress {
  readonly state: 'receiving' | 'complete' | 'aborted';
}

export interface ReceiverSink {
  message(data: unknown): void;
  transfer(progress: IncomingTransfer): void;
  error(error: ConnectionError): void;
}

export interface ReceiverOptions extends AssemblerOptions {
  /** Whether binary transfers are taken (default `true`); if not, binary frames are dropped unread. */
  readonly acceptsTransfers?: boolean;
}

export class ChannelReceiver {
  readonly #remoteId: string;
  readonly #limits: ChannelLimits;
  readonly #sink: ReceiverSink;
  /** `null` on a channel that refuses transfers: nothing there can reach an assembler. */
  readonly #assembler: TransferAssembler | null;
  /** The latest progress of each unfinished transfer, to report how far an aborted one got. */
  readonly #inProgress = new Map<number, TransferProgress>();
  #toldUnexpectedBinary = false;

  constructor(remoteId: string, limits: ChannelLimits, sink: ReceiverSink, options: ReceiverOptions = {}) {
    this.#remoteId = remoteId;
    this.#limits = limits;
    this.#sink = sink;
    this.#assembler = options.acceptsTransfers === false ? null : new TransferAssembler(limits, options);
  }

  /**
   * Takes the `data` of one `message` event.
   *
   * @example
   * ```ts
   * declare const receiver: ChannelReceiver;
   * dataChannel.addEventListener('message', (event) => receiver.receive(event.data));
   * ```
   */
  receive(data: unknown): void {
    if (typeof data === 'string') this.#receiveText(data);
    else if (data instanceof ArrayBuffer) this.#receiveFrame(data, this.#assembler);
    else this.#fail('malformed', `a message of type ${Object.prototype.toString.call(data)} is neither text nor binary`);
  }

  /** Drops unfinished transfers: the channel closed. */
  clear(): void {
    this.#assembler?.clear();
    this.#inProgress.clear();
  }

  #receiveText(text: string): void {
    // A UTF-8 string has at least as many bytes as UTF-16 units and at most three times as
    // many: only text in between needs measuring.
    const { maxMessageBytes } = this.#limits;
    const tooLarge = text.length > maxMessageBytes || (text.length * 3 > maxMessageBytes && utf8ByteLength(text) > maxMessageBytes);
    if (tooLarge) {
      this.#fail('too-large', `a message of ${text.length} characters exceeds the limit of ${maxMessageBytes} bytes`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      this.#fail('malformed', 'a text message is not JSON', cause);
      return;
    }
    this.#sink.message(value);
  }

  #receiveFrame(buffer: ArrayBuffer, assembler: TransferAssembler | null): void {
    if (!assembler) {
      // Once per channel: a remote that floods binary must not flood errors$ as well.
      if (this.#toldUnexpectedBinary) return;
      this.#toldUnexpectedBinary = true;
      this.#fail('unexpected-binary', 'binary data on a channel that takes JSON only; it is dropped, now and from now on');
      return;
    }
    const frame = decodeFrame(buffer);
    if (typeof frame === 'string') {
      this.#fail('malformed', frame);
      return;
    }
    const result = assembler.accept(frame);
    switch (result.type) {
      case 'progress':
        this.#inProgress.set(result.progress.transferId, result.progress);
        this.#sink.transfer({ ...result.progress, state: 'receiving' });
        break;
      case 'complete':
        this.#inProgress.delete(result.progress.transferId);
        this.#sink.transfer({ ...result.progress, state: 'complete' });
        this.#sink.message(result.data);
        break;
      case 'aborted': {
        const last = this.#inProgress.get(result.transferId);
        this.#inProgress.delete(result.transferId);
        if (last) this.#sink.transfer({ ...last, state: 'aborted' });
        break;
      }
      case 'rejected':
        this.#inProgress.delete(result.transferId);
        this.#fail(result.reason, result.detail);
        break;
      case 'ignored':
        break;
    }
  }

  #fail(reason: ConnectionErrorReason, detail: string, cause?: unknown): void {
    this.#sink.error(new ConnectionError(reason, this.#remoteId, `from ${this.#remoteId}: ${detail}`, { cause }));
  }
}
