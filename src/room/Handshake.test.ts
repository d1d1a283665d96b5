import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { admissionKey, prove, type AdmissionKey } from './admission.ts';
import type { DtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { Handshake, type HandshakeContext, type HandshakeOutcome } from './Handshake.ts';
import { decodeWireMessage, wire, type RefusalReason, type WireBody, type WireMessage } from './protocol.ts';
import { RoomError } from './RoomError.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

const ADA = 'ada-id';
const BOB = 'bob-id';

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

interface Side {
  readonly handshake: Handshake;
  /** What the other side sent this one and it has not read yet, in order. */
  readonly inbox: WireMessage[];
  /** Everything this side sent, for inspection. */
  readonly sent: WireBody[];
}

interface SideOptions {
  readonly roomId?: string;
  readonly name?: string;
  readonly key?: AdmissionKey;
  readonly refusal?: () => RefusalReason | null;
  readonly memberId?: string;
  /** The certificates this side's connection states: by default what the other side's states too. */
  readonly fingerprints?: DtlsFingerprints;
}

/** Ada's and Bob's certificates on a link nobody sits in the middle of. */
const ADA_CERT = 'sha-256 AA:01';
const BOB_CERT = 'sha-256 BB:02';

/**
 * Two handshakes joined by two in-order mailboxes, each message passed through JSON and the
 * decoder as the data channel would pass it. Ada dialed Bob.
 */
function pair(ada: SideOptions, bob: SideOptions): { readonly ada: Side; readonly bob: Side } {
  const make = (
    selfId: string,
    remoteId: string,
    dialed: boolean,
    fingerprints: DtlsFingerprints,
    options: SideOptions,
    outbox: () => WireMessage[],
  ): Side => {
    const sent: WireBody[] = [];
    const context: HandshakeContext = {
      roomId: options.roomId ?? 'jam',
      selfId,
      remoteId,
      name: options.name,
      dialed,
      key: options.key ?? null,
      fingerprints: () => options.fingerprints ?? fingerprints,
      refusal: options.refusal ?? (() => null),
      memberId: options.memberId,
    };
    const handshake = new Handshake(context, (message) => {
      sent.push(message);
      const decoded = decodeWireMessage(JSON.parse(JSON.stringify(wire(message))), selfId);
      if (decoded instanceof RoomError) throw decoded;
      outbox().push(decoded);
    });
    return { handshake, inbox: [], sent };
  };
  const sides: { ada?: Side; bob?: Side } = {};
  sides.ada = make(ADA, BOB, true, { local: ADA_CERT, remote: BOB_CERT }, ada, () => sides.bob?.inbox ?? []);
  sides.bob = make(BOB, ADA, false, { local: BOB_CERT, remote: ADA_CERT }, bob, () => sides.ada?.inbox ?? []);
  return { ada: sides.ada, bob: sides.bob };
}

/**
 * Starts both sides and delivers until both mailboxes are empty, awaiting each `receive` as a
 * link does. `choices` picks which side reads next when both have mail (true: Ada), so a
 * property can try every interleaving the network could produce; by default they alternate.
 */
async function run(sides: { readonly ada: Side; readonly bob: Side }, choices: readonly boolean[] = []): Promise<void> {
  sides.ada.handshake.start();
  sides.bob.handshake.start();
  let step = 0;
  while (sides.ada.inbox.length > 0 || sides.bob.inbox.length > 0) {
    const adaNext = sides.bob.inbox.length === 0 || (sides.ada.inbox.length > 0 && (choices[step] ?? step % 2 === 0));
    step += 1;
    const side = adaNext ? sides.ada : sides.bob;
    const message = side.inbox.shift();
    if (message) await side.handshake.receive(message);
  }
}

const refused = (reason: RefusalReason, byUs: boolean, proven = byUs): HandshakeOutcome => ({ type: 'refused', reason, byUs, proven });
const admitted = (name: string | undefined, member?: string): HandshakeOutcome => ({ type: 'admitted', name, member });

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
          expect(JSON.stringify([sides.ada.sent, sides.bob.sent])).not.toMatch(/Ada|Bob/);
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

describe('Handshake against a peer that breaks the order', () => {
  /** Bob's view of Ada, who dialed him: his sent messages, fed by hand. */
  function lone(options: SideOptions = {}): { readonly handshake: Handshake; readonly sent: WireBody[] } {
    const sent: WireBody[] = [];
    const handshake = new Handshake(
      {
        roomId: 'jam',
        selfId: BOB,
        remoteId: ADA,
        name: 'Bob',
        dialed: false,
        key: options.key ?? null,
        fingerprints: () => ({ local: BOB_CERT, remote: ADA_CERT }),
        refusal: options.refusal ?? (() => null),
      },
      (message) => sent.push(message),
    );
    handshake.start();
    return { handshake, sent };
  }
  const hello = (nonce = 'ada-nonce'): WireMessage => wire({ t: 'hello', room: 'jam', nonce });
  const bobNonceOf = (sent: readonly WireBody[]) => (sent[0]?.t === 'hello' ? sent[0].nonce : '');
  /** Ada's proof for Bob's challenge, made as Ada's side of the link would. */
  const adaProof = (key: AdmissionKey, nonce: string, prover = ADA, verifier = BOB) =>
    prove(key, nonce, prover, verifier, { prover: ADA_CERT, verifier: BOB_CERT });

  it('is broken by a proof before hello', async () => {
    const { handshake } = lone();
    expect(await handshake.receive(wire({ t: 'proof', proof: '' }))).toMatchObject({ type: 'broken' });
  });

  it('is broken by a second hello', async () => {
    const { handshake } = lone();
    expect(await handshake.receive(hello())).toBeUndefined();
    expect(await handshake.receive(hello('another'))).toMatchObject({ type: 'broken' });
  });

  it('is broken by an intro before a proof that checks out', async () => {
    const { handshake, sent } = lone();
    await handshake.receive(hello());
    expect(await handshake.receive(wire({ t: 'intro', name: 'Ada' }))).toMatchObject({ type: 'broken' });
    expect(sent.map((message) => message.t)).toEqual(['hello']);
  });

  it.each<[string, WireMessage]>([
    ['data', wire({ t: 'data', data: 'too early' })],
    ['members', wire({ t: 'members', members: [] })],
    // MemberLink filters pings and byes before they reach the handshake; a handshake alone
    // cannot tell them from any other message out of place.
    ['ping', wire({ t: 'ping' })],
    ['bye', wire({ t: 'bye' })],
  ])('is broken by "%s" before admission, before or after hello', async (_, message) => {
    const early = lone();
    expect(await early.handshake.receive(message)).toMatchObject({ type: 'broken' });
    const later = lone();
    await later.handshake.receive(hello());
    expect(await later.handshake.receive(message)).toMatchObject({ type: 'broken' });
  });

  it('answers a hello with nothing: no proof over a challenge the dialer chose, no name', async () => {
    const { handshake, sent } = lone({ key: sesame });
    expect(await handshake.receive(hello('chosen-by-a-stranger'))).toBeUndefined();
    expect(sent.map((message) => message.t)).toEqual(['hello']);
    expect(JSON.stringify(sent)).not.toContain('Bob');
  });

  it('proves itself and says who it is once the dialer’s proof checks out, and admits on its intro', async () => {
    const { handshake, sent } = lone({ key: sesame });
    await handshake.receive(hello('ada-challenge'));
    expect(await handshake.receive(wire({ t: 'proof', proof: await adaProof(sesameAgain, bobNonceOf(sent)) }))).toBeUndefined();
    expect(sent.slice(1)).toEqual([
      { t: 'proof', proof: await prove(sesameAgain, 'ada-challenge', BOB, ADA, { prover: BOB_CERT, verifier: ADA_CERT }) },
      { t: 'intro', name: 'Bob', member: undefined },
    ]);
    expect(await handshake.receive(wire({ t: 'intro', name: 'Ada' }))).toEqual(admitted('Ada'));
  });

  it('refuses a proof for another challenge, another pair of IDs or another link', async () => {
    for (const make of [
      (_nonce: string) => adaProof(sesameAgain, 'another-challenge'),
      (nonce: string) => adaProof(sesameAgain, nonce, 'mallory'),
      (nonce: string) => adaProof(sesameAgain, nonce, ADA, 'mallory'),
      (nonce: string) => prove(sesameAgain, nonce, ADA, BOB, { prover: 'sha-256 EE:66', verifier: BOB_CERT }),
    ]) {
      const { handshake, sent } = lone({ key: sesame });
      await handshake.receive(hello());
      expect(await handshake.receive(wire({ t: 'proof', proof: await make(bobNonceOf(sent)) }))).toEqual(refused('wrong-passphrase', true));
      expect(sent.map((message) => message.t)).toEqual(['hello', 'refused']);
    }
  });

  it('takes a refusal without a proof that checks out as unproven', async () => {
    const { handshake } = lone({ key: sesame });
    await handshake.receive(hello());
    expect(await handshake.receive(wire({ t: 'refused', reason: 'room-full', proof: 'AAAA' }))).toEqual(refused('room-full', false, false));
    const bare = lone({ key: sesame });
    expect(await bare.handshake.receive(wire({ t: 'refused', reason: 'room-full' }))).toEqual(refused('room-full', false, false));
  });

  it('ignores everything once settled', async () => {
    const { handshake, sent } = lone();
    await handshake.receive(wire({ t: 'proof', proof: '' }));
    const settled = handshake.outcome;
    expect(await handshake.receive(hello())).toBeUndefined();
    expect(await handshake.receive(wire({ t: 'refused', reason: 'room-full' }))).toBeUndefined();
    expect(handshake.outcome).toBe(settled);
    expect(sent.map((message) => message.t)).toEqual(['hello']);
  });
});
