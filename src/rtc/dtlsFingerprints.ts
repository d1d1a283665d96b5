/**
 * The DTLS certificate fingerprints a peer connection negotiated, as its two session
 * descriptions state them (`a=fingerprint:sha-256 AB:CD:…`). Whoever answers an offer with a
 * certificate of its own sits in the middle of the connection; comparing what both ends saw
 * (inside something both can check, like a room's admission proof) finds it out.
 */

export interface DtlsFingerprints {
  /** This end's certificate, from the local description. */
  readonly local: string;
  /** The other end's certificate, from the remote description. */
  readonly remote: string;
}

const FINGERPRINT_LINE = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/m;

/**
 * The fingerprint an SDP states first, normalised (`sha-256 AB:CD:…`), or `null` if it has none.
 *
 * @example
 * ```ts
 * sdpFingerprint('v=0\r\na=fingerprint:SHA-256 ab:cd\r\n'); // → 'sha-256 AB:CD'
 * ```
 */
export function sdpFingerprint(sdp: string | undefined): string | null {
  const [, algorithm, digest] = (sdp === undefined ? null : FINGERPRINT_LINE.exec(sdp)) ?? [];
  return algorithm && digest ? `${algorithm.toLowerCase()} ${digest.toUpperCase()}` : null;
}

/**
 * Both ends' fingerprints of `connection`, once both descriptions are set (any open data
 * channel's connection has them), else `null`.
 *
 * @example
 * ```ts
 * const fingerprints = dtlsFingerprints(channel.peerConnection);
 * if (fingerprints) console.log(`ours: ${fingerprints.local}, theirs: ${fingerprints.remote}`);
 * ```
 */
export function dtlsFingerprints(
  connection: Pick<RTCPeerConnection, 'localDescription' | 'remoteDescription'> | undefined,
): DtlsFingerprints | null {
  const local = sdpFingerprint(connection?.localDescription?.sdp);
  const remote = sdpFingerprint(connection?.remoteDescription?.sdp);
  return local && remote ? { local, remote } : null;
}
