/**
 * What a bench member page (bench/page/member.ts) does when the bench page asks, through
 * the harness (see `openMembers` in memberPages.ts).
 */
/**
 * What a member shares: a synthetic picture alone, or with a tone as a microphone would add.
 * A tone costs an audio encoder per call: 30 of them in a six-member mesh on one machine.
 * `noise+tone`: 320x240 of noise at 15 fps with the tone, a picture the encoder would spend
 * more on than a shared uplink has, as a camera's would (the uplink cases). `video-320`: the
 * synthetic picture at 320x240 and 15 fps without sound (the janus cases).
 */
export type MemberMedia = 'video' | 'video+tone' | 'noise+tone' | 'video-320';

export interface BenchMember {
  /**
   * Joins `roomId` sharing synthetic `media` (with `passphrase`, if given; on the Janus at
   * `janusUrl`, if given, else the mesh); resolves once a frame of `others` members played,
   * with when it joined and when that was.
   */
  joinRoom(
    roomId: string,
    others: number,
    media: MemberMedia,
    passphrase?: string,
    uplinkKbps?: number,
    janusUrl?: string,
  ): Promise<JoinTimes>;
  /** What this member uploaded on all its calls over the next `windowMs`, in bytes per second (RTP payload and headers). */
  uplinkBytesPerSecond(windowMs: number): Promise<number>;
  /** What this member's media costs it over the next `windowMs`: uplink and main thread, in one window. */
  load(windowMs: number): Promise<MemberLoad>;
  /** How this member received the others over the next `windowMs`. */
  receivedMedia(windowMs: number): Promise<ReceivedMedia>;
  /** Video frames this member has decoded so far, over every connection still open. */
  framesDecoded(): Promise<number>;
  /** Resolves once this member has decoded more than `count` video frames; rejects after `limitMs`. */
  framesPast(count: number, limitMs: number): Promise<void>;
  /** Registers a plain PeerJS Peer with synthetic `media` ready; resolves with its ID. */
  registerPeer(media: MemberMedia): Promise<string>;
  /**
   * Connects the plain Peer to every other in `ids` as a room would (data from the lower
   * index, a call each way); resolves once a frame of each other member played.
   */
  dialPeers(ids: readonly string[], index: number): Promise<void>;
  /**
   * Where this member's last `joinRoom` stands, in one line: whom it lists, whose media came,
   * whose frame played, its connections' states. For a round that does not come together.
   */
  joinProgress(): Promise<string>;
  /** Leaves the room or destroys the Peer, and stops the stream. */
  reset(): void;
}

/**
 * When a member called `joinRoom` and when it had seen everyone, in ms since the epoch
 * (`performance.timeOrigin + performance.now()`): comparable across member pages, which have
 * clocks of their own.
 */
export interface JoinTimes {
  readonly joinedAt: number;
  readonly seenAt: number;
}

/** What one member's media cost it over a window. */
export interface MemberLoad {
  /** RTP bytes (payload and headers) sent on all its connections, per second. */
  readonly uplinkBytesPerSecond: number;
  /** Its renderer main thread's busy ms per second of wall time. */
  readonly mainThreadBusyMsPerSecond: number;
  /** Its RTCPeerConnections connected at the end of the window. */
  readonly peerConnections: number;
}

export interface ReceivedMedia {
  /** Audio samples the receiver had to make up (`concealedSamples`) over all received, 0..1; NaN if none came. */
  readonly concealedRatio: number;
  /** Video frames decoded per second, averaged over the video streams received; NaN if none came. */
  readonly videoFps: number;
}

export interface WithBenchMember {
  benchMember: BenchMember;
}
