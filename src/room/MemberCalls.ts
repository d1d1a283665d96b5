/**
 * The calls of a room member: one each way per other member, each ending with that member's
 * link. Calls do not wait for links: the media connection (the slowest part of a join) is set
 * up alongside the link, as plain PeerJS would, not after it. A member dialing another and
 * sharing media carries the link inside its call (`linkCall`): the pair then needs no
 * connection for the link alone, which on a busy machine is a connection's set-up saved per
 * pair. A member sharing nothing dials the link on a connection of its own, and places its
 * call as it dials (`callAhead`). A call that comes in is answered at once and called back,
 * before its link is there or has admitted anyone (a newcomer that joined on a link with the
 * directory's holder learns the holder's member ID only from the link's handshake, while the
 * holder's call is on its way). A call whose link does not come in time is hung up.
 * Nothing leaks meanwhile: this side answers with nothing, what it sends on its own calls is
 * gated until the link admits the member (see gatedStream.ts), and the member's stream is
 * handed out only through its admitted link.
 *
 * A call that carries a link lives exactly as long as the link's channel: it is never handed
 * to another link of the same member (that link may lose the tie to this one, and would hang
 * it up), and it is hung up when the channel closes (the link lost the tie, or ended).
 */
import { BehaviorSubject, defer, EMPTY, type Observable, Subject, Subscription, switchMap, tap, throwError, timer } from 'rxjs';
import type { Call } from '../rtc/Call.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { CallGates } from './CallGates.ts';
import { belongsTo, CallsAhead, type Carried } from './CallsAhead.ts';
import { gatedStream } from './gatedStream.ts';
import { type PlacedCall, placeCall } from './placeCall.ts';
import { carriesLink, isCallFromRoom } from './roomCallMetadata.ts';
import type { UplinkBudget } from './UplinkBudget.ts';

/** The part of a member's link its calls feed. */
export interface CallsLink {
  readonly remoteId: string;
  /** The channel the link runs on: a call carrying it belongs to this link alone. */
  readonly channel: DataChannel;
  /** The member's media, from the call it makes to this side. */
  readonly stream: { next(stream: MediaStream | null): void };
  /** The call that brings the member's media. */
  readonly call: { next(call: Call): void };
}

export interface MemberCallsOptions {
  readonly roomId: string;
  /** What this member shares (nothing: it places no calls, it only answers); `setSource` changes it. */
  readonly shared: MediaStream | undefined;
  /** How long a call answered or placed ahead waits for its member's link before it is hung up. */
  readonly waitForLinkMs: number;
  /** The label of the room's links, for the channel a call carries. */
  readonly linkLabel: string;
  /** The budget every call this member places shares (answered calls send nothing). */
  readonly uplink?: UplinkBudget;
}

/** An answered call and what it brought so far, until a link takes it. */
interface AnsweredCall {
  /** The call itself: unsubscribing hangs it up. */
  readonly subscription: Subscription;
  readonly call: BehaviorSubject<Call | null>;
  readonly stream: BehaviorSubject<MediaStream | null>;
  /** Hangs up a call whose link never comes. */
  expiry: Subscription;
  /** The link's channel the call carries, if the caller carried one: only that link takes it. */
  readonly carried?: Carried;
}

export class MemberCalls {
  /** Links that came in carried by calls, their channels open (the caller dialed them). */
  readonly incomingLinks$: Observable<DataChannel>;
  readonly #incomingLinks = new Subject<DataChannel>();
  readonly #session: PeerSession;
  readonly #options: MemberCallsOptions;
  #shared: MediaStream | undefined;
  /** Answered calls from members whose link is not bound (yet). */
  readonly #waiting = new Map<string, AnsweredCall>();
  /** Calls placed to members whose link is not bound (yet). */
  readonly #ahead: CallsAhead;
  readonly #gates = new CallGates();
  /** Each member's bound link, and what the link owns. */
  readonly #links = new Map<string, { readonly link: CallsLink; readonly owned: Subscription }>();
  readonly #owned = new Subscription();

  constructor(session: PeerSession, options: MemberCallsOptions) {
    this.#session = session;
    this.#options = options;
    this.#shared = options.shared;
    this.#ahead = new CallsAhead(options.waitForLinkMs);
    this.incomingLinks$ = this.#incomingLinks.asObservable();
  }

  /**
   * Answers `incoming` at once with nothing (each member calls each other one with what it
   * shares); its stream reaches the member's link once bound. A member of this room that
   * calls before its link is bound is called back at once (see {@link callAhead}).
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
    const carried: Carried | undefined = carriesLink(incoming, this.#options.roomId) ? {} : undefined;
    const subscription = incoming
      .answer(undefined, carried ? { channel: this.#options.linkLabel } : {})
      .pipe(
        tap((answered) => call.next(answered)),
        switchMap((answered) => answered.remoteStream$),
      )
      .subscribe({ next: (remote) => stream.next(remote), error: () => undefined });
    if (carried) {
      subscription.add(
        call.pipe(switchMap((answered) => answered?.channel$ ?? EMPTY)).subscribe((channel) => {
          carried.channel = channel;
          // The call lives as long as the link it carries.
          subscription.add(channel.closed$.subscribe(() => subscription.unsubscribe()));
          this.#incomingLinks.next(channel);
        }),
      );
    }
    const answered: AnsweredCall = { subscription, call, stream, expiry: Subscription.EMPTY, carried };
    const bound = this.#links.get(remoteId);
    if (bound && !carried) {
      this.#handOver(answered, bound);
      return;
    }
    // A newer call from a member with no link yet replaces the one before (it called again).
    const before = this.#waiting.get(remoteId);
    if (before) this.#hangUp(remoteId, before);
    this.#waiting.set(remoteId, answered);
    answered.expiry = timer(this.#options.waitForLinkMs).subscribe(() => this.#hangUp(remoteId, answered));
    this.#owned.add(subscription);
    this.#owned.add(answered.expiry);
    if (isCallFromRoom(incoming, this.#options.roomId)) this.callAhead(remoteId);
  }

  /**
   * Calls `remoteId` now with what this member shares (gated until `open`), before its link
   * is bound: the link takes the call once bound, and a call whose link does not come within
   * `waitForLinkMs` is hung up. Does nothing if a call to `remoteId` is placed already.
   *
   * @example
   * ```ts
   * import type { DataChannel } from 'peerstage/rtc';
   * declare function adoptAsLink(channel: DataChannel): void;
   * calls.callAhead('bo');
   * session.connect('bo', { label: 'peerstage-room' }).subscribe(adoptAsLink);
   * ```
   */
  callAhead(remoteId: string): void {
    if (this.#links.has(remoteId) || this.#ahead.has(remoteId)) return;
    const placed = this.#place(remoteId);
    if (placed) this.#ahead.hold(remoteId, placed.subscription);
  }

  /**
   * Dials `remoteId`'s link inside a call with what this member shares (gated until `open`),
   * placed ahead like `callAhead`'s: emits the link's channel once open, then completes; errors
   * like a connection that does not open (the member is not registered, the call does not
   * connect in time). Unsubscribing leaves the call be: it lives as long as the channel.
   * `undefined` when it cannot: nothing shared, no session, or a call to `remoteId` is placed
   * already (dial the link on a connection of its own then).
   *
   * @example
   * ```ts
   * import type { DataChannel } from 'peerstage/rtc';
   * declare function adoptAsLink(channel: DataChannel): void;
   * const dial = calls.linkCall('bo') ?? session.connect('bo', { label: 'peerstage-room' });
   * dial.subscribe((channel) => adoptAsLink(channel));
   * ```
   */
  linkCall(remoteId: string): Observable<DataChannel> | undefined {
    if (this.#links.has(remoteId) || this.#ahead.has(remoteId) || !this.#shared) return undefined;
    return defer(() => {
      const placed = this.#place(remoteId, true);
      if (!placed) return throwError(() => new ConnectionError('closed', remoteId, `nothing to call ${remoteId} with`));
      const carried: Carried = {};
      this.#ahead.hold(remoteId, placed.subscription, carried);
      return placed.channel$.pipe(tap((channel) => (carried.channel = channel)));
    });
  }

  /**
   * Gives `link` its member's calls: the call placed ahead to the member, or a new one with
   * what this side shares (gated until `open`), and the member's call if it came already.
   * They end when `owned` (the link's) is unsubscribed; calls that come later join the link
   * at once.
   *
   * @example
   * ```ts
   * calls.bind(record, record.owned); // the calls end with the record
   * ```
   */
  bind(link: CallsLink, owned: Subscription): void {
    const remoteId = link.remoteId;
    const bound = { link, owned };
    this.#links.set(remoteId, bound);
    owned.add(() => {
      if (this.#links.get(remoteId) === bound) this.#links.delete(remoteId);
    });
    const call = this.#ahead.takeFor(link) ?? this.#place(remoteId)?.subscription;
    if (call) owned.add(call);
    const waiting = this.#waiting.get(remoteId);
    if (!waiting || !belongsTo(waiting.carried, link)) return;
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
    this.#gates.open(remoteId);
  }

  /**
   * What this member shares from now on, on every call it placed.
   *
   * @example
   * ```ts
   * declare const screen: MediaStream, microphone: MediaStream;
   * calls.setSource(new MediaStream([...screen.getVideoTracks(), ...microphone.getAudioTracks()]));
   * ```
   */
  setSource(stream: MediaStream): void {
    this.#shared = stream;
    this.#gates.setSource(stream);
  }

  /**
   * Hangs up every call no link took, answered or placed (the others end with their links).
   *
   * @example
   * ```ts
   * calls.dispose();
   * ```
   */
  dispose(): void {
    this.#owned.unsubscribe();
    this.#ahead.dispose();
    this.#waiting.clear();
    this.#incomingLinks.complete();
  }

  /**
   * Calls `remoteId` with what this member shares, gated, carrying the member's link if asked
   * to; unsubscribing hangs up. Nothing when this member shares nothing.
   */
  #place(remoteId: string, carriesLink = false): PlacedCall | undefined {
    const shared = this.#shared;
    if (!shared) return undefined;
    const gated = gatedStream(shared);
    const letGoOfGate = this.#gates.add(remoteId, gated);
    const { roomId, linkLabel, uplink } = this.#options;
    const placed = placeCall(this.#session, remoteId, gated, { roomId, linkLabel, uplink, carriesLink });
    placed.subscription.add(letGoOfGate);
    return placed;
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
