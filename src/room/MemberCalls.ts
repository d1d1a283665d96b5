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
import { BehaviorSubject, EMPTY, Observable, Subscription, switchMap, tap, timer } from 'rxjs';
import type { Call } from '../rtc/Call.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import { gatedStream, type GatedStream } from './gatedStream.ts';
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
  /** This member's session, once there is one. */
  readonly session: () => PeerSession | undefined;
  /** What this member shares now (nothing: it places no calls, it only answers). */
  readonly shared: () => MediaStream | undefined;
  /** How long a call answered or placed ahead waits for its member's link before it is hung up. */
  readonly waitForLinkMs: number;
  /** The label of the room's links, for the channel a call carries. */
  readonly linkLabel: string;
  /** A call that came in carried a link: its channel is open (the caller dialed it). */
  readonly onIncomingLink: (channel: DataChannel) => void;
  /** The budget every call this member places shares (answered calls send nothing). */
  readonly uplink?: UplinkBudget;
}

/** A call this member placed before its member's link was bound, until a link takes it. */
interface CallAhead {
  /** The call itself: unsubscribing hangs it up. */
  readonly subscription: Subscription;
  /** Hangs up a call whose link never comes. */
  readonly expiry: Subscription;
  /** The link's channel the call carries (see `linkCall`): only that link takes it. */
  readonly carried?: Carried;
}

/** The link a call carries: its channel once open. */
interface Carried {
  channel?: DataChannel;
}

/** What a call carrying a link tells its dialer. */
interface LinkCarry {
  opened(channel: DataChannel): void;
  failed(error: unknown): void;
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
  readonly #options: MemberCallsOptions;
  /** Answered calls from members whose link is not bound (yet). */
  readonly #waiting = new Map<string, AnsweredCall>();
  /** Calls placed to members whose link is not bound (yet). */
  readonly #ahead = new Map<string, CallAhead>();
  /**
   * The gates of the calls placed to each member (two while a tie between two of its links is
   * undecided): opened on admission, switched by replaceTrack.
   */
  readonly #gates = new Map<string, Set<GatedStream>>();
  /** Each member's bound link, and what the link owns. */
  readonly #links = new Map<string, { readonly link: CallsLink; readonly owned: Subscription }>();
  readonly #owned = new Subscription();

  constructor(options: MemberCallsOptions) {
    this.#options = options;
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
          this.#options.onIncomingLink(channel);
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
   * declare function adoptAsLink(channel: DataChannel): void;
   * calls.callAhead('bo');
   * session.connect('bo', { label: 'peerstage-room' }).subscribe(adoptAsLink);
   * ```
   */
  callAhead(remoteId: string): void {
    if (this.#links.has(remoteId) || this.#ahead.has(remoteId)) return;
    const subscription = this.#place(remoteId);
    if (subscription) this.#holdAhead(remoteId, subscription);
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
   * declare function adoptAsLink(channel: DataChannel): void;
   * const dial = calls.linkCall('bo') ?? session.connect('bo', { label: 'peerstage-room' });
   * dial.subscribe((channel) => adoptAsLink(channel));
   * ```
   */
  linkCall(remoteId: string): Observable<DataChannel> | undefined {
    if (this.#links.has(remoteId) || this.#ahead.has(remoteId) || !this.#options.shared() || !this.#options.session()) return undefined;
    return new Observable<DataChannel>((subscriber) => {
      const carried: Carried = {};
      const subscription = this.#place(remoteId, {
        opened: (channel) => {
          carried.channel = channel;
          subscriber.next(channel);
          subscriber.complete();
        },
        failed: (error) => subscriber.error(error),
      });
      if (!subscription) return subscriber.error(new ConnectionError('closed', remoteId, `nothing to call ${remoteId} with`));
      this.#holdAhead(remoteId, subscription, carried);
      // Ignored once the channel opened: a call that ends before that never brings the link.
      subscription.add(() =>
        subscriber.error(new ConnectionError('closed', remoteId, `the call to ${remoteId} ended before its link opened`)),
      );
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
   * const ownedByLink = new Subscription(); // unsubscribed when the link ends
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
    const ahead = this.#ahead.get(remoteId);
    const call = (ahead && belongsTo(ahead.carried, link) ? this.#takeAhead(remoteId) : undefined) ?? this.#place(remoteId);
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
    for (const gate of this.#gates.get(remoteId) ?? []) gate.open();
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
    for (const gates of this.#gates.values()) {
      for (const gate of gates) gate.setSource(stream);
    }
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
    this.#waiting.clear();
    this.#ahead.clear();
  }

  /**
   * Calls `remoteId` with what this member shares, gated, carrying the member's link if
   * `carry` is given; unsubscribing hangs up. Nothing when there is no session yet or nothing
   * shared.
   */
  #place(remoteId: string, carry?: LinkCarry): Subscription | undefined {
    const session = this.#options.session();
    const shared = this.#options.shared();
    if (!session || !shared) return undefined;
    const gated = gatedStream(shared);
    const gates = this.#gates.get(remoteId) ?? new Set<GatedStream>();
    this.#gates.set(remoteId, gates.add(gated));
    const { roomId, linkLabel } = this.#options;
    const placed = new Subscription();
    placed.add(
      session
        .call(
          remoteId,
          gated.stream,
          carry ? { metadata: { room: roomId, link: true }, channel: linkLabel } : { metadata: { room: roomId } },
        )
        .pipe(
          tap((call) => {
            gated.attach(call);
            if (this.#options.uplink) placed.add(this.#options.uplink.add(call));
          }),
          switchMap((call) => call.channel$),
        )
        .subscribe({
          next: (channel) => {
            // The call lives as long as the link it carries.
            placed.add(channel.closed$.subscribe(() => placed.unsubscribe()));
            carry?.opened(channel);
          },
          error: (error: unknown) => {
            carry?.failed(error);
            placed.unsubscribe();
          },
          // The call ended.
          complete: () => placed.unsubscribe(),
        }),
    );
    placed.add(() => {
      gated.stop();
      gates.delete(gated);
      if (gates.size === 0 && this.#gates.get(remoteId) === gates) this.#gates.delete(remoteId);
    });
    return placed;
  }

  /** Books a call placed to `remoteId` before its link is bound, until a link takes it or it expires. */
  #holdAhead(remoteId: string, subscription: Subscription, carried?: Carried): void {
    const letGo = () => this.#takeAhead(remoteId, ahead)?.unsubscribe();
    const ahead: CallAhead = { subscription, expiry: timer(this.#options.waitForLinkMs).subscribe(letGo), carried };
    this.#ahead.set(remoteId, ahead);
    this.#owned.add(subscription);
    this.#owned.add(ahead.expiry);
    // A call that fails or is hung up by the other side makes way for a new one at bind.
    subscription.add(letGo);
  }

  /**
   * Takes the call placed ahead to `remoteId` (only `which`, if given) off the books without
   * hanging it up: a link takes it, or the caller hangs it up.
   */
  #takeAhead(remoteId: string, which?: CallAhead): Subscription | undefined {
    const ahead = this.#ahead.get(remoteId);
    if (!ahead || (which && ahead !== which)) return undefined;
    this.#ahead.delete(remoteId);
    ahead.expiry.unsubscribe();
    this.#owned.remove(ahead.subscription);
    this.#owned.remove(ahead.expiry);
    return ahead.subscription;
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

/** Whether a call carrying `carried` (if any) may go to `link`: a call carrying a link goes to that link alone. */
function belongsTo(carried: Carried | undefined, link: CallsLink): boolean {
  return !carried || carried.channel === link.channel;
}

/** Whether `incoming` carries its caller's link (the caller dialed it inside the call). */
function carriesLink(incoming: IncomingCall, roomId: string): boolean {
  return isCallFromRoom(incoming, roomId) && (incoming.metadata as { link?: unknown }).link === true;
}

/** Whether `incoming` says it is a call within room `roomId` (as this room's members' calls do). */
function isCallFromRoom(incoming: IncomingCall, roomId: string): boolean {
  const metadata = incoming.metadata;
  return typeof metadata === 'object' && metadata !== null && 'room' in metadata && metadata.room === roomId;
}
