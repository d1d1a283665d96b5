import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { admissionKey, type AdmissionKey } from './admission.ts';
import { PROPERTY_TIMEOUT_MS, type SideOptions, pair, run, refused, admitted } from '../testing/handshakeRig.ts';

// PBKDF2 is slow on purpose: one key per passphrase for the whole file.
let sesame: AdmissionKey;
let sesameAgain: AdmissionKey;
let other: AdmissionKey;

beforeAll(async () => {
  [sesame, sesameAgain, other] = await Promise.all([
    admissionKey('jam', 'open sesame'),
    admissionKey('jam', 'open sesame'),
    admissionKey('jam', 'close sesame'),
  ]);
});

describe('Handshake between two members', () => {
  it('admits both ways with the same passphrase, each learning the other name', async () => {
    const sides = pair({ key: sesame, name: 'Ada' }, { key: sesameAgain, name: 'Bob' });
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual(admitted('Bob'));
    expect(sides.bob.handshake.outcome).toEqual(admitted('Ada'));
    // The passphrase itself never travels: a hello, a proof and an intro each.
    expect(sides.ada.sent.map((message) => message.t)).toEqual(['hello', 'proof', 'intro']);
    expect(sides.bob.sent.map((message) => message.t)).toEqual(['hello', 'proof', 'intro']);
    expect(JSON.stringify([sides.ada.sent, sides.bob.sent])).not.toContain('sesame');
  });

  it('admits both ways in a room without a passphrase, with the empty proof', async () => {
    const sides = pair({ name: 'Ada' }, {});
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual(admitted(undefined));
    expect(sides.bob.handshake.outcome).toEqual(admitted('Ada'));
    expect(sides.ada.sent).toContainEqual({ t: 'proof', proof: '' });
  });

  it('tells the member ID it answers for (the directory holder on the rendezvous ID) in its intro', async () => {
    const sides = pair({ name: 'Ada' }, { name: 'Bob', memberId: 'bob-member' });
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual(admitted('Bob', 'bob-member'));
    expect(sides.bob.handshake.outcome).toEqual(admitted('Ada'));
    expect(sides.bob.sent[0]).not.toHaveProperty('member');
  });

  it(
    'admits both ways whatever order the two directions interleave in',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), async (choices) => {
          const sides = pair({ key: sesame, name: 'Ada' }, { key: sesameAgain, name: 'Bob' });
          await run(sides, choices);
          expect(sides.ada.handshake.outcome).toEqual(admitted('Bob'));
          expect(sides.bob.handshake.outcome).toEqual(admitted('Ada'));
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never tells a name, or answers a challenge, before the other side has proved itself',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), async (choices) => {
          const sides = pair({ key: sesame, name: 'Ada' }, { key: other, name: 'Bob' });
          await run(sides, choices);
          // Ada's proof does not check out at Bob: Bob never proves, never says who he is.
          expect(sides.bob.sent.map((message) => message.t)).toEqual(['hello', 'refused']);
          expect(sides.ada.sent.map((message) => message.t)).toEqual(['hello', 'proof']);
          // Quoted: a name is a whole JSON string, while random nonces and proofs (base64) may
          // hold "Ada" or "Bob" by chance (about one run in twenty did).
          expect(JSON.stringify([sides.ada.sent, sides.bob.sent])).not.toMatch(/"Ada"|"Bob"/);
        }),
        { numRuns: 50 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses both ways with different passphrases, whatever the interleaving',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), async (choices) => {
          const sides = pair({ key: sesame }, { key: other });
          await run(sides, choices);
          expect(sides.bob.handshake.outcome).toEqual(refused('wrong-passphrase', true));
          // Ada hears it, but a refusal for a wrong passphrase proves nothing of who sent it.
          expect(sides.ada.handshake.outcome).toEqual(refused('wrong-passphrase', false, false));
        }),
        { numRuns: 100 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('refuses both ways when only one side has a passphrase', async () => {
    for (const [ada, bob] of [
      [{ key: sesame }, {}],
      [{}, { key: sesame }],
    ] satisfies Array<[SideOptions, SideOptions]>) {
      const sides = pair(ada, bob);
      await run(sides);
      expect(sides.ada.handshake.outcome).toMatchObject({ type: 'refused', reason: 'wrong-passphrase' });
      expect(sides.bob.handshake.outcome).toMatchObject({ type: 'refused', reason: 'wrong-passphrase' });
    }
  });

  it('refuses when someone in the middle answered each side with its own certificate', async () => {
    const sides = pair(
      { key: sesame, name: 'Ada' },
      { key: sesameAgain, name: 'Bob', fingerprints: { local: 'sha-256 EE:66', remote: 'sha-256 FF:77' } },
    );
    await run(sides);
    expect(sides.bob.handshake.outcome).toEqual(refused('wrong-passphrase', true));
    expect(sides.ada.handshake.outcome).toMatchObject({ type: 'refused' });
  });

  it('refuses both ways when the two are in different rooms, before any proof', async () => {
    const sides = pair({ roomId: 'jam' }, { roomId: 'jazz' });
    await run(sides);
    expect(sides.ada.handshake.outcome?.type).toBe('refused');
    expect(sides.bob.handshake.outcome?.type).toBe('refused');
    expect(sides.bob.handshake.outcome).toMatchObject({ reason: 'wrong-room' });
    expect(sides.bob.sent.some((message) => message.t === 'proof')).toBe(false);
  });

  it('refuses a full room only after the newcomer proved itself, proving itself on the refusal', async () => {
    const sides = pair({ key: sesame }, { key: sesameAgain, refusal: () => 'room-full' });
    await run(sides);
    expect(sides.bob.handshake.outcome).toEqual(refused('room-full', true));
    expect(sides.ada.handshake.outcome).toEqual(refused('room-full', false, true));
    expect(sides.bob.sent.map((message) => message.t)).toEqual(['hello', 'refused']);
    expect(sides.bob.sent[1]).toMatchObject({ t: 'refused', proof: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it('asks the refusal callback once, when the other side’s proof checks out', async () => {
    let asked = 0;
    const refusal = () => {
      asked += 1;
      return null;
    };
    const sides = pair({}, { refusal });
    await run(sides);
    expect(asked).toBe(1);
    expect(sides.bob.handshake.outcome?.type).toBe('admitted');
  });
});
