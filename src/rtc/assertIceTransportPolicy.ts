/**
 * Checks an `iceTransportPolicy` at the door: `RTCPeerConnection` would throw on a bad one only
 * later, deep inside PeerJS, when the first connection is made.
 */

/**
 * Throws a `TypeError` unless `policy` is `undefined`, `'all'` or `'relay'`.
 *
 * @example
 * ```ts
 * assertIceTransportPolicy('relay'); // fine
 * assertIceTransportPolicy('relay-only'); // TypeError: iceTransportPolicy must be 'all' or 'relay' (got "relay-only")
 * ```
 */
export function assertIceTransportPolicy(policy: unknown): asserts policy is RTCIceTransportPolicy | undefined {
  if (policy !== undefined && policy !== 'all' && policy !== 'relay') {
    throw new TypeError(`iceTransportPolicy must be 'all' or 'relay' (got ${JSON.stringify(policy)})`);
  }
}
