import { beforeAll, describe, expect, it } from 'vitest';
import { admissionKey, prove, type AdmissionKey } from './admission.ts';
import { Handshake } from './Handshake.ts';
import { wire, type WireBody, type WireMessage } from './protocol.ts';
import { ADA, BOB, type SideOptions, ADA_CERT, BOB_CERT, refused, admitted } from '../testing/handshakeRig.ts';

// PBKDF2 is slow on purpose: one key per passphrase for the whole file.
let sesame: AdmissionKey;
let sesameAgain: AdmissionKey;

beforeAll(async () => {
  [sesame, sesameAgain] = await Promise.all([admissionKey('jam', 'open sesame'), admissionKey('jam', 'open sesame')]);
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
