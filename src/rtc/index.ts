/**
 * `peerstage/rtc`: the lower layer, RxJS over PeerJS — a peer session, its data channels and
 * calls, their stats and policies — for building something other than a room. The root entry
 * (`peerstage`) re-exports the few of these a room's user meets: the errors and the stats types.
 * Not here: the messages peerstage posts through the signaling server (signalingPost.ts) and
 * the ICE-restart machinery (IceRestarts.ts), which only their policies configure.
 */
export { Call, type TrackKind } from './Call.ts';
export type { IncomingTransfer } from './ChannelReceiver.ts';
export type { BinaryData } from './ChannelSender.ts';
export { channelOptions, DEFAULT_CHANNEL_OPTIONS, type ChannelLimits, type ChannelOptions } from './channelOptions.ts';
export { CLIENT_CONFIG_PATH, DEFAULT_CLIENT_CONFIG, type ClientConfig } from './clientConfig.ts';
export {
  connectionStats,
  DEFAULT_STATS_INTERVAL_MS,
  isRelayed,
  type ConnectionStats,
  type ConnectionStatsOptions,
} from './connectionStats.ts';
export { LINK_THRESHOLDS, linkQuality, toLinkQuality, type LinkQuality, type LinkQualityLevel } from './linkQuality.ts';
export { msSinceTransportHeard } from './msSinceTransportHeard.ts';
export { DataChannel, type ChannelCarrier } from './DataChannel.ts';
export { ConnectionError, SignalingError, type ConnectionErrorReason, type SignalingErrorReason } from './errors.ts';
export { fetchClientConfig } from './fetchClientConfig.ts';
export { DEFAULT_FLOW_CONTROL, type FlowControl } from './flowControl.ts';
export { DEFAULT_ICE_RESTART, type IceRestartPolicy } from './IceRestarts.ts';
export { IncomingCall, type AnswerOptions } from './IncomingCall.ts';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REACHABLE_TIMEOUT_MS,
  PeerSession,
  type CallOptions,
  type ConnectOptions,
  type PeerFactory,
  type PeerSessionOptions,
  type SessionState,
} from './PeerSession.ts';
export { peerSession } from './peerSessionObservable.ts';
export { backoffPolicy, DEFAULT_BACKOFF, type BackoffOptions, type ReconnectPolicy } from './reconnectPolicy.ts';
export { retryWithPolicy, type RetryWithPolicyOptions } from './retryWithPolicy.ts';
export { DEFAULT_SIGNALING_PATH, signalingAtPageOrigin, type SignalingOptions } from './signalingOptions.ts';
export type { TransferProgress } from './TransferAssembler.ts';
export {
  DEFAULT_TRANSFER_BUDGET,
  pageTransferBudget,
  TransferBudget,
  type TransferBudgetLimits,
  type TransferLease,
} from './TransferBudget.ts';
