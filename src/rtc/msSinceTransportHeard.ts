/**
 * Whether the other end of a connection is still there, told by the network stack rather
 * than by the other page's JavaScript.
 */

/**
 * Milliseconds since `connection` last received any packet: data, acknowledgements, ICE
 * consent checks. The other side's network stack answers even
 * while its page is too busy to run a timer, and stops when the page closes, crashes or loses
 * its network. `undefined` when the browser does not tell (nothing received yet, a closed
 * connection, no such statistic).
 *
 * @example
 * ```ts
 * const quietMs = await msSinceTransportHeard(channel.peerConnection);
 * if (quietMs !== undefined && quietMs < 2_000) console.log('still there, only busy');
 * ```
 */
export async function msSinceTransportHeard(connection: RTCPeerConnection): Promise<number | undefined> {
  if (connection.connectionState === 'closed') return undefined;
  const report = await connection.getStats();
  let quietMs: number | undefined;
  report.forEach((stats: RTCStats) => {
    if (stats.type !== 'candidate-pair') return;
    const lastReceivedAt = (stats as RTCIceCandidatePairStats & { lastPacketReceivedTimestamp?: number }).lastPacketReceivedTimestamp;
    if (lastReceivedAt === undefined) return;
    // Every pair, not only the selected one: Chromium may report a newly selected pair before
    // it carries anything, while packets still arrive on the last. The report's own timestamp
    // shares the pairs' clock, whatever that clock is.
    const pairQuietMs = Math.max(0, stats.timestamp - lastReceivedAt);
    quietMs = quietMs === undefined ? pairQuietMs : Math.min(quietMs, pairQuietMs);
  });
  return quietMs;
}
