/**
 * What a data channel accepts and how it sends: the limits protect a receiver from a remote
 * that claims any size, the chunk size and watermarks keep a sender within Chromium's queue.
 */
import { FRAME_HEADER_BYTES } from './binaryFrames.ts';
import { DEFAULT_FLOW_CONTROL, type FlowControl } from './flowControl.ts';
import type { TransferBudget } from './TransferBudget.ts';

export interface ChannelLimits {
  /** Largest text (JSON) message, in UTF-8 bytes, sent or accepted. */
  readonly maxMessageBytes: number;
  /** Largest binary transfer sent or accepted. */
  readonly maxTransferBytes: number;
  /** Largest sum of unfinished incoming transfers held at once. */
  readonly maxPendingBytes: number;
}

export interface ChannelOptions {
  readonly limits: ChannelLimits;
  readonly flowControl: FlowControl;
  /**
   * Payload bytes per binary frame. The default makes each frame, header included, exactly
   * 64 KiB: below every browser's SCTP message limit, and the message size the bare-channel
   * baseline of `npm run bench -- rtc` sends.
   */
  readonly chunkBytes: number;
  /**
   * Whether binary transfers are taken (default `true`). A channel that refuses them drops
   * every binary frame unread and says so once on `errors$` (`unexpected-binary`), JSON
   * flowing on: for protocols that speak JSON only, so that no remote can make the page hold
   * bytes through them. A `PeerSession` sets it per label with its `acceptTransfers` option.
   */
  readonly acceptsTransfers?: boolean;
  /**
   * Where incoming transfers claim their declared sizes; default the page's own
   * (`pageTransferBudget()`), shared by every channel of the page.
   */
  readonly transferBudget?: TransferBudget;
}

export const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  limits: {
    maxMessageBytes: 256 * 1024,
    maxTransferBytes: 256 * 1024 * 1024,
    maxPendingBytes: 256 * 1024 * 1024,
  },
  flowControl: DEFAULT_FLOW_CONTROL,
  chunkBytes: 64 * 1024 - FRAME_HEADER_BYTES,
};

/**
 * Fills what `options` leaves out from {@link DEFAULT_CHANNEL_OPTIONS}.
 *
 * @example
 * ```ts
 * import { peerSession } from 'peerstage/rtc';
 * peerSession({ channel: channelOptions({ chunkBytes: 16 * 1024 }) });
 * ```
 */
export function channelOptions(options: Partial<ChannelOptions> = {}): ChannelOptions {
  return { ...DEFAULT_CHANNEL_OPTIONS, ...options };
}
