/**
 * The opening of every room link, the same on both sides: hello (room, name, challenge) →
 * proof (answer to the other's challenge). A side admits the other once the other's proof
 * checks out: one round trip after the channel opens.
 *
 * No further "welcome" is needed for both rosters to agree. A side refuses a full room at the
 * hello, before it proves anything, so a side that receives a proof was accepted by the
 * other. Both sides derive their keys from the same passphrase and room, so when the other's
 * proof checks out here, this side's checks out there. And a side's proof goes out before anything it
 * sends as a member: the other has admitted it by the time its first message arrives.
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

  async #onProof(proof: string): Promise<HandshakeOutcome> {
    if (this.#theirNonce === undefined) return this.#settle({ type: 'broken', detail: 'a proof before hello' });
    const { selfId, remoteId } = this.#context;
    if (!(await verify(await this.#context.key, proof, this.#nonce, remoteId, selfId))) return this.#refuse('wrong-passphrase');
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
