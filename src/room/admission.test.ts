import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  admissionKey,
  directoryLock,
  KEY_ITERATIONS,
  newNonce,
  prove,
  verify,
  type AdmissionKey,
  type LinkFingerprints,
} from './admission.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

const ROOM = 'jam';
const ADA = 'ada-id';
const BOB = 'bob-id';
/** Ada's and Bob's certificates, as both see them on a link nobody sits in the middle of. */
const FPS: LinkFingerprints = { prover: 'sha-256 AA:01', verifier: 'sha-256 BB:02' };

// PBKDF2 runs 600 000 rounds per key: derive each key once for the whole file.
let key: AdmissionKey;
let sameKey: AdmissionKey;
let otherPassphrase: AdmissionKey;
let otherRoom: AdmissionKey;

beforeAll(async () => {
  [key, sameKey, otherPassphrase, otherRoom] = await Promise.all([
    admissionKey(ROOM, 'open sesame'),
    admissionKey(ROOM, 'open sesame'),
    admissionKey(ROOM, 'open sesame!'),
    admissionKey('jam2', 'open sesame'),
  ]);
});

/** Ada's answer to Bob's challenge `nonce`, with Ada's key. */
const adaProves = (nonce: string, signer: AdmissionKey = key) => prove(signer, nonce, ADA, BOB, FPS);
/** Bob checks Ada's answer to his challenge `nonce`, with Bob's key. */
const bobVerifies = (proof: string, nonce: string, checker: AdmissionKey = sameKey) => verify(checker, proof, nonce, ADA, BOB, FPS);

/** Replaces the character at `index` with another base64url character that changes its top bits. */
function tamper(proof: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const at = alphabet.indexOf(proof.charAt(index));
  // +32 flips the highest bit of the 6 the character carries, which every position keeps.
  return proof.slice(0, index) + alphabet.charAt((at + 32) % 64) + proof.slice(index + 1);
}

describe('admissionKey', () => {
  it('has no key without a passphrase, so such rooms prove with the empty string', async () => {
    expect(await admissionKey(ROOM, undefined)).toBeNull();
    expect(await admissionKey(ROOM, '')).toBeNull();
    expect(key).not.toBeNull();
  });
});

describe('admissionKey cost', () => {
  it('derives with at least 600 000 PBKDF2 rounds', () => {
    expect(KEY_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
});

describe('directoryLock', () => {
  it('is the same for the same passphrase and room, and differs for another of either', async () => {
    const lock = await directoryLock(key);
    expect(lock).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await directoryLock(sameKey)).toBe(lock);
    expect(await directoryLock(otherPassphrase)).not.toBe(lock);
    expect(await directoryLock(otherRoom)).not.toBe(lock);
  });

  it('is empty without a passphrase', async () => {
    expect(await directoryLock(null)).toBe('');
  });
});

describe('newNonce', () => {
  it('is 16 random bytes in base64url, fresh each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('prove and verify', () => {
  it('accepts a proof made with the same passphrase in the same room', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    // 32 bytes of HMAC-SHA-256, unpadded base64url: fits the protocol's 128-character token.
    expect(proof).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await bobVerifies(proof, nonce)).toBe(true);
  });

  it('is deterministic for one key, nonce and pair of IDs', async () => {
    const nonce = newNonce();
    expect(await adaProves(nonce)).toBe(await prove(sameKey, nonce, ADA, BOB, FPS));
  });

  it('refuses a proof made with another passphrase', async () => {
    const nonce = newNonce();
    expect(await bobVerifies(await adaProves(nonce, otherPassphrase), nonce)).toBe(false);
  });

  it('refuses a proof made for another room with the same passphrase', async () => {
    const nonce = newNonce();
    expect(await bobVerifies(await adaProves(nonce, otherRoom), nonce)).toBe(false);
  });

  it('refuses a proof for another challenge', async () => {
    const proof = await adaProves(newNonce());
    expect(await bobVerifies(proof, newNonce())).toBe(false);
  });

  it('refuses a proof replayed with the prover and verifier swapped', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    expect(await verify(sameKey, proof, nonce, BOB, ADA, FPS)).toBe(false);
  });

  it('refuses a proof replayed on a link to someone else', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    expect(await verify(sameKey, proof, nonce, ADA, 'carol-id', FPS)).toBe(false);
    expect(await verify(sameKey, proof, nonce, 'carol-id', BOB, FPS)).toBe(false);
  });

  it('refuses a proof made on a link whose ends saw other certificates (someone in the middle)', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    // What Bob sees when the signaling server answered each side with a certificate of its own.
    for (const seenByBob of [
      { prover: 'sha-256 EE:66', verifier: FPS.verifier },
      { prover: FPS.prover, verifier: 'sha-256 EE:66' },
      { prover: FPS.verifier, verifier: FPS.prover },
    ]) {
      expect(await verify(sameKey, proof, nonce, ADA, BOB, seenByBob)).toBe(false);
    }
  });

  it('cannot be confused by IDs and fingerprints that spell the same text once joined', async () => {
    const nonce = newNonce();
    const proof = await prove(key, nonce, 'a|b', 'c', FPS);
    expect(await verify(sameKey, proof, nonce, 'a', 'b|c', FPS)).toBe(false);
  });

  it('refuses a proof with any one character changed', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    for (let index = 0; index < proof.length; index += 1) {
      expect(await bobVerifies(tamper(proof, index), nonce), `character ${index}`).toBe(false);
    }
  });

  it('refuses a proof cut short or lengthened', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    for (const changed of [
      proof.slice(0, -1),
      proof.slice(0, -2),
      proof.slice(0, -4),
      `${proof}A`,
      `${proof}AA`,
      `${proof}AAAA`,
      `${proof}=`,
    ]) {
      expect(await bobVerifies(changed, nonce), changed).toBe(false);
    }
  });

  it('accepts only the canonical encoding of a proof', async () => {
    const nonce = newNonce();
    const proof = await adaProves(nonce);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(proof.charAt(proof.length - 1));
    // 32 bytes take 42⅔ characters: the last character's 2 low bits carry nothing.
    const twin = proof.slice(0, -1) + alphabet.charAt(last ^ 1);
    expect(await bobVerifies(twin, nonce)).toBe(false);
  });

  it('refuses garbage, including texts of lengths no base64 has, without throwing', async () => {
    const nonce = newNonce();
    const samples = ['', 'A', 'AAAAA', '====', 'A===', 'AB=', '@@@@', 'a b', 'YWJj\n', '+/+/', 'é', '\u0000', 'x'.repeat(10_000)];
    for (const garbage of samples) {
      await expect(bobVerifies(garbage, nonce), JSON.stringify(garbage)).resolves.toBe(false);
    }
  });

  it(
    'refuses random strings and random base64url of every length, without throwing',
    async () => {
      const nonce = newNonce();
      const base64url = fc.string({
        unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        maxLength: 64,
      });
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.base64String(), base64url), async (garbage) => {
          expect(await bobVerifies(garbage, nonce)).toBe(false);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('with no passphrase on either side, the empty proof is accepted', async () => {
    const nonce = newNonce();
    const proof = await prove(null, nonce, ADA, BOB, FPS);
    expect(proof).toBe('');
    expect(await verify(null, proof, nonce, ADA, BOB, FPS)).toBe(true);
  });

  it('a side with a passphrase never accepts the empty proof of one without', async () => {
    const nonce = newNonce();
    expect(await bobVerifies(await prove(null, nonce, ADA, BOB, FPS), nonce)).toBe(false);
  });

  it(
    'a side without a passphrase never accepts a non-empty proof',
    async () => {
      const nonce = newNonce();
      expect(await verify(null, await adaProves(nonce), nonce, ADA, BOB, FPS)).toBe(false);
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1 }), async (proof) => {
          expect(await verify(null, proof, nonce, ADA, BOB, FPS)).toBe(false);
        }),
        { numRuns: 500 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
