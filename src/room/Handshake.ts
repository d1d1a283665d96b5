/**
 * The opening of every room link, the same on both sides: hello (room, name, challenge) →
 * proof (answer to the other's challenge) → welcome (the other's proof checked out). A side
 * counts the other as admitted once it has both checked the proof and been welcomed, so
 * nobody appears in a roster the other side has not accepted too.
 */
import { newNonce, prove, verify, type AdmissionKey } from './admission.ts';
import type { RefusalReason, WireBody, WireMessage, WireMessageOf } from './protocol.ts';

export interface HandshakeContext {
  readonly roomId: string;
  readonly selfId: string;
  readonly remoteId: string;
  readonly name: string | undefined;
  /** This side's member ID, told in the hello when `selfId` is not it (the directory's rendezvous ID). */
  readonly memberId?: string;
  /** The admission key, or its derivation still under way (PBKDF2 runs during registration). */
  readonly key: AdmissionKey | PromiseLike<AdmissionKey>;
  /** Why this side would not take the other in now, e.g. `room-full`; `null` to go ahead. */
  readonly refusal: () => RefusalReason | null;
}

export type HandshakeOutcome =
  /** `member`: the member ID the other side told in its hello, if any. */
  | { readonly type: 'admitted'; readonly name: string | undefined; readonly member: string | undefined }
  /** `byUs`: this side refused the other; else the other refused this one. */
  | { readonly type: 'refused'; readonly reason: RefusalReason; readonly byUs: boolean }
  /** The other side broke the order of the handshake. */
  | { readonly type: 'broken'; readonly detail: string };

export class Handshake {
  readonly #context: HandshakeContext;
  readonly #send: (message: WireBody) => void;
  readonly #nonce = newNonce();
  #theirNonce: string | undefined;
  #theirName: string | undefined;
  #theirMember: string | undefined;
  #verified = false;
  #welcomed = false;
  #outcome: HandshakeOutcome | undefined;

  constructor(context: HandshakeContext, send: (message: WireBody) => void) {
    this.#context = context;
    this.#send = send;
  }

  /** The result, once there is one. */
  get outcome(): HandshakeOutcome | undefined {
    return this.#outcome;
  }

  /**
   * Whether the other side's proof checked out and this side welcomed it: it is a member to
   * this side, though this side may not be one to it yet (its welcome is on the way).
   */
  get welcomedThem(): boolean {
    return this.#verified;
  }

  /**
   * Sends this side's hello.
   *
   * @example
   * ```ts
   * handshake.start();
   * ```
   */
  start(): void {
    const { roomId, name, memberId } = this.#context;
    this.#send({ t: 'hello', room: roomId, name, nonce: this.#nonce, member: memberId });
  }

  /**
   * Takes the next handshake message (in arrival order: the caller awaits each before the
   * next) and says whether that settled the handshake.
   *
   * @example
   * ```ts
   * const outcome = await handshake.receive(message);
   * if (outcome?.type === 'admitted') addToRoster();
   * ```
   */
  async receive(message: WireMessage): Promise<HandshakeOutcome | undefined> {
    if (this.#outcome) return undefined;
    switch (message.t) {
      case 'hello':
        return this.#onHello(message);
      case 'proof':
        return this.#onProof(message.proof);
      case 'welcome':
        this.#welcomed = true;
        return this.#settleIfDone();
      case 'refused':
        return this.#settle({ type: 'refused', reason: message.reason, byUs: false });
      default:
        return this.#settle({ type: 'broken', detail: `"${message.t}" before the handshake finished` });
    }
  }

  async #onHello({ room, name, nonce, member }: WireMessageOf<'hello'>): Promise<HandshakeOutcome | undefined> {
    if (this.#theirNonce !== undefined) return this.#settle({ type: 'broken', detail: 'a second hello' });
    if (room !== this.#context.roomId) return this.#refuse('wrong-room');
    const refusal = this.#context.refusal();
    if (refusal) return this.#refuse(refusal);
    this.#theirNonce = nonce;
    this.#theirName = name;
    this.#theirMember = member;
    const { selfId, remoteId } = this.#context;
    this.#send({ t: 'proof', proof: await prove(await this.#context.key, nonce, selfId, remoteId) });
    return undefined;
  }

  async #onProof(proof: string): Promise<HandshakeOutcome | undefined> {
    if (this.#theirNonce === undefined) return this.#settle({ type: 'broken', detail: 'a proof before hello' });
    const { selfId, remoteId } = this.#context;
    if (!(await verify(await this.#context.key, proof, this.#nonce, remoteId, selfId))) return this.#refuse('wrong-passphrase');
    this.#verified = true;
    this.#send({ t: 'welcome' });
    return this.#settleIfDone();
  }

  #settleIfDone(): HandshakeOutcome | undefined {
    if (!this.#verified || !this.#welcomed) return undefined;
    return this.#settle({ type: 'admitted', name: this.#theirName, member: this.#theirMember });
  }

  #refuse(reason: RefusalReason): HandshakeOutcome {
    this.#send({ t: 'refused', reason });
    return this.#settle({ type: 'refused', reason, byUs: true });
  }

  #settle(outcome: HandshakeOutcome): HandshakeOutcome {
    this.#outcome = outcome;
    return outcome;
  }
}
