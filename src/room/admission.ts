/**
 * Admission by passphrase without ever sending it: each side challenges the other with a
 * random nonce and checks an HMAC of it, keyed by a key both derive from the passphrase and
 * the room. A room without a passphrase proves with the empty string, so a member with a
 * passphrase and one without never admit each other.
 */

/** PBKDF2 rounds: slows down guessing a passphrase from a recorded proof. Done once per join. */
const KEY_ITERATIONS = 100_000;
const NONCE_BYTES = 16;

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
 * The answer of `proverId` to `verifierId`'s challenge `nonce`. Binding both IDs keeps a proof
 * from being replayed on another link.
 *
 * @example
 * ```ts
 * const proof = await prove(key, theirNonce, selfId, theirId);
 * ```
 */
export async function prove(key: AdmissionKey, nonce: string, proverId: string, verifierId: string): Promise<string> {
  if (!key) return '';
  const signature = await crypto.subtle.sign('HMAC', key, statement(nonce, proverId, verifierId));
  return toBase64Url(new Uint8Array(signature));
}

/**
 * Checks `proof` of `proverId` against this side's challenge `nonce` (in constant time).
 *
 * @example
 * ```ts
 * if (!(await verify(key, proof, myNonce, theirId, selfId))) refuse('wrong-passphrase');
 * ```
 */
export async function verify(key: AdmissionKey, proof: string, nonce: string, proverId: string, verifierId: string): Promise<boolean> {
  if (!key) return proof === '';
  const signature = fromBase64Url(proof);
  if (!signature) return false;
  return crypto.subtle.verify('HMAC', key, signature, statement(nonce, proverId, verifierId));
}

function statement(nonce: string, proverId: string, verifierId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`peerstage-admission|${nonce}|${proverId}|${verifierId}`);
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
