/**
 * The calls of a room member: one each way per other member, each ending with that member's
 * link. A call that comes in is answered at once, before its link is there or has admitted
 * anyone, so the media connection (the slowest part of a join) is set up alongside the link,
 * not after it: a newcomer that joined on a link with the directory's holder learns the
 * holder's member ID only from the link's handshake, while the holder's call is on its way.
 * Nothing leaks meanwhile: this side answers with nothing, what it sends on its own calls is
 * gated until the link admits the member (see gatedStream.ts), and the member's stream is
 * handed out only through its admitted link.
 */
import { BehaviorSubject, Subscription, switchMap, tap, timer } from 'rxjs';
import type { Call } from '../rtc/Call.ts';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { gatedStream, type GatedStream } from './gatedStream.ts';

/** The part of a member's link its calls feed. */
export interface CallsLink {
  readonly remoteId: string;
  /** The member's media, from the call it makes to this side. */
  readonly stream: { next(stream: MediaStream | null): void };
  /** The call that brings the member's media. */
  readonly call: { next(call: Call): void };
}

export interface MemberCallsOptions {
  readonly roomId: string;
  /** This member's session, once there is one. */
  readonly session: () => PeerSession | undefined;
  /** What this member shares now (nothing: it places no calls, it only answers). */
  readonly shared: () => MediaStream | undefined;
  /** How long an answered call waits for its member's link before it is hung up. */
  readonly waitForLinkMs: number;
}

/** An answered call and what it brought so far, until a link takes it. */
interface AnsweredCall {
  /** The call itself: unsubscribing hangs it up. */
  readonly subscription: Subscription;
  readonly call: BehaviorSubject<Call | null>;
  readonly stream: BehaviorSubject<MediaStream | null>;
  /** Hangs up a call whose link never comes. */
  expiry: Subscription;
}

export class MemberCalls {
  readonly #options: MemberCallsOptions;
  /** Answered calls from members whose link is not bound (yet). */
  readonly #waiting = new Map<string, AnsweredCall>();
  /** The gate of the call placed to each member: opened on admission, switched by replaceTrack. */
  readonly #gates = new Map<string, GatedStream>();
  /** Each member's bound link, and what the link owns. */
  readonly #links = new Map<string, { readonly link: CallsLink; readonly owned: Subscription }>();
  readonly #owned = new Subscription();

  constructor(options: MemberCallsOptions) {
    this.#options = options;
  }

  /**
   * Answers `incoming` at once with nothing (each member calls each other one with what it
   * shares); its stream reaches the member's link once bound.
   *
   * @example
   * ```ts
   * session.calls$.subscribe((incoming) => calls.answer(incoming));
   * ```
   */
  answer(incoming: IncomingCall): void {
    const remoteId = incoming.remoteId;
    const call = new BehaviorSubject<Call | null>(null);
    const stream = new BehaviorSubject<MediaStream | null>(null);
    const subscription = incoming
      .answer()
      .pipe(
        tap((answered) => call.next(answered)),
        switchMap((answered) => answered.remoteStream$),
      )
      .subscribe({ next: (remote) => stream.next(remote), error: () => undefined });
    const answered: AnsweredCall = { subscription, call, stream, expiry: Subscription.EMPTY };
    const bound = this.#links.get(remoteId);
    if (bound) return this.#handOver(answered, bound);
    // A newer call from a member with no link yet replaces the one before (it called again).
    const before = this.#waiting.get(remoteId);
    if (before) this.#hangUp(remoteId, before);
    this.#waiting.set(remoteId, answered);
    answered.expiry = timer(this.#options.waitForLinkMs).subscribe(() => this.#hangUp(remoteId, answered));
    this.#owned.add(subscription);
    this.#owned.add(answered.expiry);
  }

  /**
   * Gives `link` its member's calls: calls the member with what this side shares (gated
   * until `open`), and hands over the member's call if it came already. They end when
   * `owned` (the link's) is unsubscribed; calls that come later join the link at once.
   *
   * @example
   * ```ts
   * calls.bind(link, ownedByLink);
   * ```
   */
  bind(link: CallsLink, owned: Subscription): void {
    const remoteId = link.remoteId;
    const bound = { link, owned };
    this.#links.set(remoteId, bound);
    owned.add(() => {
      if (this.#links.get(remoteId) === bound) this.#links.delete(remoteId);
    });
    this.#call(remoteId, owned);
    const waiting = this.#waiting.get(remoteId);
    if (!waiting) return;
    this.#waiting.delete(remoteId);
    waiting.expiry.unsubscribe();
    this.#owned.remove(waiting.subscription);
    this.#owned.remove(waiting.expiry);
    this.#handOver(waiting, bound);
  }

  /**
   * Lets the real media through on the call to `remoteId` (the member is admitted).
   *
   * @example
   * ```ts
   * calls.open(link.remoteId);
   * ```
   */
  open(remoteId: string): void {
    this.#gates.get(remoteId)?.open();
  }

  /**
   * What this member shares from now on, on every call it placed.
   *
   * @example
   * ```ts
   * calls.setSource(new MediaStream([screenTrack, micTrack]));
   * ```
   */
  setSource(stream: MediaStream): void {
    for (const gate of this.#gates.values()) gate.setSource(stream);
  }

  /**
   * Hangs up every answered call no link took (the others end with their links).
   *
   * @example
   * ```ts
   * calls.dispose();
   * ```
   */
  dispose(): void {
    this.#owned.unsubscribe();
    this.#waiting.clear();
  }

  /** Calls `remoteId` with what this member shares, gated, for as long as `owned` lasts. */
  #call(remoteId: string, owned: Subscription): void {
    const session = this.#options.session();
    const shared = this.#options.shared();
    if (!session || !shared) return;
    const gated = gatedStream(shared);
    this.#gates.set(remoteId, gated);
    owned.add(
      session
        .call(remoteId, gated.stream, { metadata: { room: this.#options.roomId } })
        .subscribe({ next: (call) => gated.attach(call), error: () => undefined }),
    );
    owned.add(() => {
      gated.stop();
      if (this.#gates.get(remoteId) === gated) this.#gates.delete(remoteId);
    });
  }

  #handOver(answered: AnsweredCall, { link, owned }: { readonly link: CallsLink; readonly owned: Subscription }): void {
    owned.add(answered.subscription);
    owned.add(answered.call.subscribe((call) => call && link.call.next(call)));
    owned.add(answered.stream.subscribe((stream) => stream && link.stream.next(stream)));
  }

  #hangUp(remoteId: string, answered: AnsweredCall): void {
    if (this.#waiting.get(remoteId) === answered) this.#waiting.delete(remoteId);
    answered.expiry.unsubscribe();
    answered.subscription.unsubscribe();
    this.#owned.remove(answered.subscription);
    this.#owned.remove(answered.expiry);
  }
}
