/**
 * The opening of every room link. Both sides send a hello (the room, a challenge) as the
 * channel opens; then the side that dialed proves itself first, over the other's challenge:
 *
 * ```
 * dialer                         answerer
 *   hello(room, nonce)  ⇄  hello(room, nonce)
 *   proof(their nonce)  →               checks it
 *   checks it           ←  proof(their nonce) + intro(name)
 *   intro(name)         →
 * admitted: their proof checked out and their intro arrived
 * ```
 *
 * Why this order: a side never answers a challenge for someone who has not proved itself to
 * it, so dialing a member and sending a hello earns a stranger no proof to guess the
 * passphrase against offline; and names (and the directory holder's member ID) travel only
 * to a side that has proved itself. The one who dials knows whom it dials (a member listed by
 * the room's directory, or its rendezvous ID), so it goes first.
 *
 * A side refuses a full room only after the other's proof checked out, and puts its own proof
 * on the refusal: the other side can tell a member's "full" from a stranger's. A refusal
 * without a valid proof is `proven: false`; what follows from it is the room's call.
 */
import type { DtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { newNonce, prove, verify, type AdmissionKey, type LinkFingerprints } from './admission.ts';
import type { RefusalReason, WireBody, WireMessage, WireMessageOf } from './protocol.ts';

export interface HandshakeContext {
  readonly roomId: string;
  readonly selfId: string;
  readonly remoteId: string;
  readonly name: string | undefined;
  /** Whether this side opened the link: the dialer proves itself first. */
  readonly dialed: boolean;
  /** This side's member ID, told in the intro when `selfId` is not it (the directory's rendezvous ID). */
  readonly memberId?: string;
  /** The admission key, or its derivation still under way (PBKDF2 runs during registration). */
  readonly key: AdmissionKey | PromiseLike<AdmissionKey>;
  /** The link's DTLS fingerprints, bound into every proof (`null` where no connection shows them). */
  readonly fingerprints: () => DtlsFingerprints | null;
  /** Why this side would not take the other in now, e.g. `room-full`; `null` to go ahead. */
  readonly refusal: () => RefusalReason | null;
}

export type HandshakeOutcome =
  /** `member`: the member ID the other side told in its intro, if any. */
  | { readonly type: 'admitted'; readonly name: string | undefined; readonly member: string | undefined }
  /**
   * `byUs`: this side refused the other; else the other refused this one, and `proven` says
   * whether it proved itself doing so (its proof over this side's challenge checked out).
   */
  | { readonly type: 'refused'; readonly reason: RefusalReason; readonly byUs: boolean; readonly proven: boolean }
  /** The other side broke the order of the handshake. */
  | { readonly type: 'broken'; readonly detail: string };

/**
 * Where the handshake stands: waiting for their hello; their hello heard (its challenge kept);
 * their proof checked out (this side has told them who it is, and waits for their intro); or
 * settled. Their intro arrives only once they proved themselves, and settles it at once.
 */
type HandshakeState =
  | { readonly phase: 'waiting' }
  | { readonly phase: 'heard'; readonly theirNonce: string }
  | { readonly phase: 'proven'; readonly theirNonce: string }
  | { readonly phase: 'settled'; readonly outcome: HandshakeOutcome };

/** Where no connection states fingerprints (unit tests' fake channels), both ends bind the same empty pair. */
const NO_FINGERPRINTS: DtlsFingerprints = { local: '', remote: '' };

export class Handshake {
  readonly #context: HandshakeContext;
  readonly #send: (message: WireBody) => void;
  readonly #nonce = newNonce();
  #state: HandshakeState = { phase: 'waiting' };

  constructor(context: HandshakeContext, send: (message: WireBody) => void) {
    this.#context = context;
    this.#send = send;
  }

  /** The result, once there is one. */
  get outcome(): HandshakeOutcome | undefined {
    return this.#state.phase === 'settled' ? this.#state.outcome : undefined;
  }

  /**
   * Sends this side's hello.
   *
   * @example
   * ```ts
   * declare const handshake: Handshake;
   * handshake.start();
   * ```
   */
  start(): void {
    this.#send({ t: 'hello', room: this.#context.roomId, nonce: this.#nonce });
  }

  /**
   * Takes the next handshake message (in arrival order: the caller awaits each before the
   * next) and says whether that settled the handshake.
   *
   * @example
   * ```ts
   * import type { WireMessage } from './protocol.ts';
   * declare const handshake: Handshake, message: WireMessage;
   * const outcome = await handshake.receive(message);
   * if (outcome?.type === 'admitted') console.log(`${outcome.name ?? 'someone'} is in`);
   * ```
   */
  async receive(message: WireMessage): Promise<HandshakeOutcome | undefined> {
    if (this.#state.phase === 'settled') return undefined;
    switch (message.t) {
      case 'hello':
        return this.#onHello(message);
      case 'proof':
        return this.#onProof(message.proof);
      case 'intro':
        return this.#onIntro(message);
      case 'refused':
        return this.#onRefused(message);
      default:
        return this.#settle({ type: 'broken', detail: `"${message.t}" before the handshake finished` });
    }
  }

  async #onHello({ room, nonce }: WireMessageOf<'hello'>): Promise<HandshakeOutcome | undefined> {
    if (this.#state.phase !== 'waiting') return this.#settle({ type: 'broken', detail: 'a second hello' });
    if (room !== this.#context.roomId) return this.#refuse('wrong-room');
    this.#state = { phase: 'heard', theirNonce: nonce };
    if (this.#context.dialed) this.#send({ t: 'proof', proof: await this.#proofFor(nonce) });
    return undefined;
  }

  async #onProof(proof: string): Promise<HandshakeOutcome | undefined> {
    const state = this.#state;
    if (state.phase === 'waiting') return this.#settle({ type: 'broken', detail: 'a proof before hello' });
    if (state.phase !== 'heard') return this.#settle({ type: 'broken', detail: 'a second proof' });
    const { theirNonce } = state;
    if (!(await this.#checks(proof))) return this.#refuse('wrong-passphrase');
    this.#state = { phase: 'proven', theirNonce };
    const refusal = this.#context.refusal();
    if (refusal) {
      // Answering, this side has not proved itself yet: the refusal carries its proof.
      const ours = this.#context.dialed ? undefined : await this.#proofFor(theirNonce);
      return this.#refuse(refusal, ours);
    }
    if (!this.#context.dialed) this.#send({ t: 'proof', proof: await this.#proofFor(theirNonce) });
    const { name, memberId } = this.#context;
    this.#send({ t: 'intro', name, member: memberId });
    return undefined;
  }

  /** Their intro admits them once their proof checked out; a second finds the handshake settled, and is ignored. */
  #onIntro({ name, member }: WireMessageOf<'intro'>): HandshakeOutcome {
    if (this.#state.phase !== 'proven') return this.#settle({ type: 'broken', detail: 'an intro before a proof that checks out' });
    return this.#settle({ type: 'admitted', name, member });
  }

  async #onRefused({ reason, proof }: WireMessageOf<'refused'>): Promise<HandshakeOutcome> {
    // A dialer that refuses has proved itself already; an answerer proves itself on the refusal.
    const { phase } = this.#state;
    const proven = phase === 'proven' || (proof !== undefined && phase === 'heard' && (await this.#checks(proof)));
    return this.#settle({ type: 'refused', reason, byUs: false, proven });
  }

  /** This side's answer to `theirNonce`. */
  async #proofFor(theirNonce: string): Promise<string> {
    const { selfId, remoteId } = this.#context;
    return prove(await this.#context.key, theirNonce, selfId, remoteId, this.#ends('self'));
  }

  /** Whether `proof` answers this side's challenge for the other side, on this link. */
  async #checks(proof: string): Promise<boolean> {
    const { selfId, remoteId } = this.#context;
    return verify(await this.#context.key, proof, this.#nonce, remoteId, selfId, this.#ends('remote'));
  }

  /** The link's fingerprints with `prover`'s end first. */
  #ends(prover: 'self' | 'remote'): LinkFingerprints {
    const { local, remote } = this.#context.fingerprints() ?? NO_FINGERPRINTS;
    return prover === 'self' ? { prover: local, verifier: remote } : { prover: remote, verifier: local };
  }

  #refuse(reason: RefusalReason, proof?: string): HandshakeOutcome {
    this.#send({ t: 'refused', reason, proof });
    return this.#settle({ type: 'refused', reason, byUs: true, proven: true });
  }

  #settle(outcome: HandshakeOutcome): HandshakeOutcome {
    this.#state = { phase: 'settled', outcome };
    return outcome;
  }
}
