import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admissionKey } from './admission.ts';
import { keyedRendezvousId, rendezvousId } from './rendezvousId.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** The rule PeerJS (util.validateId) and PeerServer apply to a chosen ID. */
const PEERJS_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;

/** Room names as people type them or as URLs carry them: any well-formed Unicode text. */
const roomName = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.string({ minLength: 1, unit: 'binary' }),
  fc.string({ minLength: 1, unit: 'grapheme' }),
);

describe('rendezvousId', () => {
  it('spells out the UTF-8 bytes of the name in hex after a fixed prefix', () => {
    expect(rendezvousId('jam')).toBe('peerstage-room-6a616d');
    expect(rendezvousId('Jam')).toBe('peerstage-room-4a616d');
    expect(rendezvousId('é')).toBe('peerstage-room-c3a9');
    expect(rendezvousId('a b')).toBe('peerstage-room-612062');
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(roomName, (name) => {
        expect(rendezvousId(name)).toBe(rendezvousId(name));
      }),
      { numRuns: 1000 },
    );
  });

  it(
    'always makes an ID that PeerJS accepts',
    () => {
      fc.assert(
        fc.property(roomName, (name) => {
          expect(rendezvousId(name)).toMatch(PEERJS_ID);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives different names different IDs (case and spaces included)',
    () => {
      fc.assert(
        fc.property(roomName, roomName, (a, b) => {
          fc.pre(a !== b);
          expect(rendezvousId(a)).not.toBe(rendezvousId(b));
        }),
        { numRuns: 2000 },
      );
      // The near misses a lossy mapping would merge.
      const names = ['jam', 'Jam', 'JAM', 'jam ', ' jam', 'j am', 'j-am', 'j_am', 'jam-', 'é', 'e\u0301', 'ﬀ', 'ff'];
      expect(new Set(names.map(rendezvousId)).size).toBe(names.length);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('refuses an empty name with a TypeError', () => {
    expect(() => rendezvousId('')).toThrow(TypeError);
  });

  it('refuses names with lone surrogates rather than merge them with U+FFFD', () => {
    expect(() => rendezvousId('\uD800')).toThrow(TypeError);
    expect(() => rendezvousId('a\uDC00')).toThrow(TypeError);
    expect(rendezvousId('\uFFFD')).toBe('peerstage-room-efbfbd');
  });
});

describe('keyedRendezvousId', () => {
  it('is the name’s own rendezvous ID in a room without a passphrase', async () => {
    expect(await keyedRendezvousId('jam', null)).toBe(rendezvousId('jam'));
  });

  it('is derived from the key in a passphrase room: the same for the same passphrase, unguessable from the name', async () => {
    const [key, same, other, otherRoom] = await Promise.all([
      admissionKey('jam', 'open sesame'),
      admissionKey('jam', 'open sesame'),
      admissionKey('jam', 'close sesame'),
      admissionKey('jazz', 'open sesame'),
    ]);
    const id = await keyedRendezvousId('jam', key);
    expect(id).toMatch(/^peerstage-room-k-[0-9a-f]{32}$/);
    expect(id).toMatch(PEERJS_ID);
    expect(await keyedRendezvousId('jam', same)).toBe(id);
    expect(await keyedRendezvousId('jam', other)).not.toBe(id);
    expect(await keyedRendezvousId('jazz', otherRoom)).not.toBe(id);
    // No open room's ID (hex only after the prefix) can be a passphrase room's.
    expect(id).not.toBe(rendezvousId('jam'));
  });
});
