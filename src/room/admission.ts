/**
 * Admission by passphrase without ever sending it: each side challenges the other with a
 * random nonce and checks an HMAC of it, keyed by a key both derive from the passphrase and
 * the room. A room without a passphrase proves with the empty string, so a member with a
 * passphrase and one without never admit each other.
 *
 * A proof is bound to the link it is made on: both member IDs and both ends' DTLS
 * certificate fingerprints. A signaling server that answers each side's offer with its own
 * certificate (to sit in the middle of the connection) makes the two sides see different
 * fingerprint pairs, and every proof fails.
 */

/**
 * PBKDF2 rounds: anyone who records a proof (or the room's directory lock) can try guesses at
 * the passphrase offline, each guess costing this many rounds. OWASP's 2023 figure for
 * PBKDF2-HMAC-SHA256. Done once per join, while the member registers.
 */
export const KEY_ITERATIONS = 600_000;
const NONCE_BYTES = 16;

/** The DTLS certificate fingerprints of the two ends of a link, as each end's SDP states them. */
export interface LinkFingerprints {
  readonly prover: string;
  readonly verifier: string;
}

/** What one member proves with: the HMAC key of its passphrase, or none. */
export type AdmissionKey = CryptoKey | null;

/**
 * Derives the admission key of `passphrase` in `roomId` (`null` without a passphrase).
 *
 * @example
 * ```ts
 * const key = await admissionKey('jam', 'open sesame');
 * ```
 */
export async function admissionKey(roomId: string, passphrase: string | undefined): Promise<AdmissionKey> {
  if (passphrase === undefined || passphrase === '') return null;
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(`peerstage-room:${roomId}`), iterations: KEY_ITERATIONS },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

/**
 * A fresh challenge.
 *
 * @example
 * ```ts
 * const nonce = newNonce(); // 22 base64url characters
 * ```
 */
export function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
}

/**
 * The answer of `proverId` to `verifierId`'s challenge `nonce` on the link whose ends have
 * `fingerprints`. Binding both IDs and both certificates keeps a proof from being replayed
 * on another link, or relayed through a man in the middle.
 *
 * @example
 * ```ts
 * declare const theirNonce: string, mine: string, theirs: string; // their challenge; both ends' DTLS fingerprints
 * const key = await admissionKey('jam', 'open sesame');
 * const proof = await prove(key, theirNonce, 'ada', 'bo', { prover: mine, verifier: theirs });
 * ```
 */
export async function prove(
  key: AdmissionKey,
  nonce: string,
  proverId: string,
  verifierId: string,
  fingerprints: LinkFingerprints,
): Promise<string> {
  if (!key) return '';
  const signature = await crypto.subtle.sign('HMAC', key, statement(nonce, proverId, verifierId, fingerprints));
  return toBase64Url(new Uint8Array(signature));
}

/**
 * Checks `proof` of `proverId` against this side's challenge `nonce` (in constant time).
 *
 * @example
 * ```ts
 * declare const proof: string, myNonce: string, mine: string, theirs: string; // their proof; our challenge; both ends' DTLS fingerprints
 * const key = await admissionKey('jam', 'open sesame');
 * const ok = await verify(key, proof, myNonce, 'bo', 'ada', { prover: theirs, verifier: mine });
 * if (!ok) console.warn('bo does not know the passphrase');
 * ```
 */
export async function verify(
  key: AdmissionKey,
  proof: string,
  nonce: string,
  proverId: string,
  verifierId: string,
  fingerprints: LinkFingerprints,
): Promise<boolean> {
  if (!key) return proof === '';
  const signature = fromBase64Url(proof);
  if (!signature) return false;
  return crypto.subtle.verify('HMAC', key, signature, statement(nonce, proverId, verifierId, fingerprints));
}

/**
 * The room's directory lock: what the embedded server groups a passphrase room's members by,
 * so that it lists them only to those who derive the same key. Empty without a passphrase.
 *
 * @example
 * ```ts
 * const lock = await directoryLock(await admissionKey('jam', 'open sesame'));
 * ```
 */
export async function directoryLock(key: AdmissionKey): Promise<string> {
  if (!key) return '';
  const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('peerstage-directory-lock'));
  // 128 bits tell rooms apart; the rest would only give an offline guesser more to check.
  return toBase64Url(new Uint8Array(signature).subarray(0, 16));
}

function statement(nonce: string, proverId: string, verifierId: string, fingerprints: LinkFingerprints): Uint8Array<ArrayBuffer> {
  const parts = ['peerstage-admission', nonce, proverId, verifierId, fingerprints.prover, fingerprints.verifier];
  // Lengths first: no choice of IDs can make two different statements spell the same bytes.
  return new TextEncoder().encode(parts.map((part) => `${part.length}:${part}`).join('|'));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bytes = Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0));
    // atob ignores the unused low bits of the last character: only one spelling is a proof.
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    // A length no base64 text can have: not a proof.
    return null;
  }
}
