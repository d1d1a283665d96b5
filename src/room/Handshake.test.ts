import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { admissionKey, prove, type AdmissionKey } from './admission.ts';
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
}

/**
 * Two handshakes joined by two in-order mailboxes, each message passed through JSON and the
 * decoder as the data channel would pass it.
 */
function pair(ada: SideOptions, bob: SideOptions): { readonly ada: Side; readonly bob: Side } {
  const make = (selfId: string, remoteId: string, options: SideOptions, outbox: () => WireMessage[]): Side => {
    const sent: WireBody[] = [];
    const context: HandshakeContext = {
      roomId: options.roomId ?? 'jam',
      selfId,
      remoteId,
      name: options.name,
      key: options.key ?? null,
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
  sides.ada = make(ADA, BOB, ada, () => sides.bob?.inbox ?? []);
  sides.bob = make(BOB, ADA, bob, () => sides.ada?.inbox ?? []);
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

const refused = (reason: RefusalReason, byUs: boolean): HandshakeOutcome => ({ type: 'refused', reason, byUs });

describe('Handshake between two members', () => {
  it('admits both ways with the same passphrase, each learning the other name', async () => {
    const sides = pair({ key: sesame, name: 'Ada' }, { key: sesameAgain, name: 'Bob' });
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual({ type: 'admitted', name: 'Bob' });
    expect(sides.bob.handshake.outcome).toEqual({ type: 'admitted', name: 'Ada' });
    // The passphrase itself never travels: only a hello and a proof each, one round trip.
    expect(sides.ada.sent.map((message) => message.t)).toEqual(['hello', 'proof']);
    expect(JSON.stringify([sides.ada.sent, sides.bob.sent])).not.toContain('sesame');
  });

  it('admits both ways in a room without a passphrase, with the empty proof', async () => {
    const sides = pair({ name: 'Ada' }, {});
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual({ type: 'admitted', name: undefined });
    expect(sides.bob.handshake.outcome).toEqual({ type: 'admitted', name: 'Ada' });
    expect(sides.ada.sent).toContainEqual({ t: 'proof', proof: '' });
  });

  it('tells the member ID it answers for (the directory holder on the rendezvous ID), and learns the other’s', async () => {
    const sides = pair({ name: 'Ada', memberId: 'ada-member' }, { name: 'Bob' });
    await run(sides);
    expect(sides.bob.handshake.outcome).toEqual({ type: 'admitted', name: 'Ada', member: 'ada-member' });
    expect(sides.ada.handshake.outcome).toEqual({ type: 'admitted', name: 'Bob', member: undefined });
  });

  it('admits both ways whatever order the two directions interleave in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), async (choices) => {
        const sides = pair({ key: sesame, name: 'Ada' }, { key: sesameAgain, name: 'Bob' });
        await run(sides, choices);
        expect(sides.ada.handshake.outcome).toEqual({ type: 'admitted', name: 'Bob' });
        expect(sides.bob.handshake.outcome).toEqual({ type: 'admitted', name: 'Ada' });
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('refuses both ways with different passphrases, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 12 }), async (choices) => {
        const sides = pair({ key: sesame }, { key: other });
        await run(sides, choices);
        const outcomes = [sides.ada.handshake.outcome, sides.bob.handshake.outcome];
        for (const outcome of outcomes) expect(outcome).toMatchObject({ type: 'refused', reason: 'wrong-passphrase' });
        // Someone checked a proof and found it wrong; the other may only have heard of it.
        expect(outcomes.some((outcome) => outcome?.type === 'refused' && outcome.byUs)).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

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

  it('refuses both ways when the two are in different rooms, before any proof', async () => {
    const sides = pair({ roomId: 'jam' }, { roomId: 'jazz' });
    await run(sides);
    expect(sides.ada.handshake.outcome).toEqual(refused('wrong-room', true));
    expect(sides.bob.handshake.outcome).toEqual(refused('wrong-room', true));
    expect([...sides.ada.sent, ...sides.bob.sent].some((message) => message.t === 'proof')).toBe(false);
  });

  it('tells the other side the room is full when the refusal callback says so', async () => {
    const sides = pair({}, { refusal: () => 'room-full' });
    await run(sides);
    expect(sides.bob.handshake.outcome).toEqual(refused('room-full', true));
    expect(sides.ada.handshake.outcome).toEqual(refused('room-full', false));
    // Bob never proves to a member it will not take in.
    expect(sides.bob.sent).toEqual([expect.objectContaining({ t: 'hello' }), { t: 'refused', reason: 'room-full' }]);
  });

  it('asks the refusal callback only when a hello arrives', async () => {
    let asked = 0;
    const sides = pair({}, { refusal: () => ((asked += 1), null) });
    await run(sides);
    expect(asked).toBe(1);
    expect(sides.bob.handshake.outcome?.type).toBe('admitted');
  });
});

describe('Handshake against a peer that breaks the order', () => {
  /** One handshake (Bob's view of Ada) with its sent messages, fed by hand. */
  function lone(options: SideOptions = {}): { readonly handshake: Handshake; readonly sent: WireBody[] } {
    const sent: WireBody[] = [];
    const handshake = new Handshake(
      { roomId: 'jam', selfId: BOB, remoteId: ADA, name: 'Bob', key: options.key ?? null, refusal: options.refusal ?? (() => null) },
      (message) => sent.push(message),
    );
    handshake.start();
    return { handshake, sent };
  }
  const hello = (nonce = 'ada-nonce'): WireMessage => wire({ t: 'hello', room: 'jam', name: 'Ada', nonce });

  it('is broken by a proof before hello', async () => {
    const { handshake } = lone();
    expect(await handshake.receive(wire({ t: 'proof', proof: '' }))).toMatchObject({ type: 'broken' });
  });

  it('is broken by a second hello', async () => {
    const { handshake } = lone();
    expect(await handshake.receive(hello())).toBeUndefined();
    expect(await handshake.receive(hello('another'))).toMatchObject({ type: 'broken' });
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

  it('admits on a proof that checks out, having proved itself first', async () => {
    const { handshake, sent } = lone({ key: sesame });
    await handshake.receive(hello());
    const bobNonce = sent[0]?.t === 'hello' ? sent[0].nonce : '';
    expect(await handshake.receive(wire({ t: 'proof', proof: await prove(sesameAgain, bobNonce, ADA, BOB) }))).toEqual({
      type: 'admitted',
      name: 'Ada',
    });
    // Bob's proof went out before he admitted Ada: whatever he sends her next, she has admitted him.
    expect(sent.map((message) => message.t)).toEqual(['hello', 'proof']);
  });

  it('refuses a proof for another challenge or another pair of IDs', async () => {
    for (const [nonce, prover, verifier] of [
      ['another-challenge', ADA, BOB],
      [undefined, 'mallory', BOB],
      [undefined, ADA, 'mallory'],
    ] as const) {
      const { handshake, sent } = lone({ key: sesame });
      await handshake.receive(hello());
      const bobNonce = sent[0]?.t === 'hello' ? sent[0].nonce : '';
      const proof = await prove(sesameAgain, nonce ?? bobNonce, prover, verifier);
      expect(await handshake.receive(wire({ t: 'proof', proof }))).toEqual(refused('wrong-passphrase', true));
    }
  });

  it('answers a hello with a proof for that hello challenge and this pair of IDs', async () => {
    const { handshake, sent } = lone({ key: sesame });
    await handshake.receive(hello('ada-challenge'));
    expect(sent[1]).toEqual({ t: 'proof', proof: await prove(sesameAgain, 'ada-challenge', BOB, ADA) });
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
