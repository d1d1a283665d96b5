/**
 * What a bench member page (bench/page/member.ts) does when the bench page asks, through
 * the harness (see `openMembers` in memberPages.ts).
 */
export interface BenchMember {
  /** Joins `roomId` sharing a synthetic stream; resolves once a frame of `others` members played. */
  joinRoom(roomId: string, others: number): Promise<void>;
  /** Registers a plain PeerJS Peer with a synthetic stream ready; resolves with its ID. */
  registerPeer(): Promise<string>;
  /**
   * Connects the plain Peer to every other in `ids` as a room would (data from the lower
   * index, a call each way); resolves once a frame of each other member played.
   */
  dialPeers(ids: readonly string[], index: number): Promise<void>;
  /** Leaves the room or destroys the Peer, and stops the stream. */
  reset(): void;
}

export interface WithBenchMember {
  benchMember: BenchMember;
}
