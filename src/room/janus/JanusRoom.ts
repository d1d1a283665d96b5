/**
 * A room on a Janus server, behind the Room contract: members are the VideoRoom's participants
 * (each with its own member ID, kept across stays), media comes down one subscription, messages
 * go through the TextRoom. When the server goes (a restart loses every room and session), the
 * room says so on `errors$`, lets the members go, and stays again as the reconnect policy
 * allows, with the same member ID.
 */
import { BehaviorSubject, defer, Observable, ReplaySubject, retry, Subject, type Subscription, switchMap, timer } from 'rxjs';
import { backoffPolicy } from '../../rtc/reconnectPolicy.ts';
import type { JoinOptions } from '../JoinOptions.ts';
import type { RemotePeer } from '../RemotePeer.ts';
import type { Room, RoomMessage } from '../Room.ts';
import { RoomError } from '../RoomError.ts';
import { DEFAULT_UPLINK_KBPS } from '../splitUplink.ts';
import { JanusMember, type SubscriptionView } from './JanusMember.ts';
import { JanusMembership, type StayEvent, type StayPlace } from './JanusMembership.ts';
import { janusPin, janusRoomNumber } from './janusRoomIdentity.ts';
import { MAX_JANUS_MESSAGE_LENGTH } from './textRoomNews.ts';
import type { Participant } from './videoRoomNews.ts';

/** Most members a Janus room takes by default, this one included: a class or a workshop. */
export const DEFAULT_JANUS_MAX_MEMBERS = 50;
/** Refusals no second try changes. */
const FINAL: ReadonlySet<string> = new Set(['wrong-passphrase', 'room-full']);

export class JanusRoom implements Room {
  readonly self$ = new ReplaySubject<{ readonly id: string; readonly name?: string }>(1);
  readonly peers$: Observable<readonly RemotePeer[]>;
  readonly messages$ = new Subject<RoomMessage>();
  readonly errors$ = new Subject<RoomError>();
  readonly uplinkKbps$: BehaviorSubject<number>;

  readonly #roomId: string;
  readonly #url: string;
  readonly #options: JoinOptions;
  readonly #memberId = randomMemberId();
  readonly #roster = new BehaviorSubject<readonly RemotePeer[]>([]);
  readonly #members = new Map<number, JanusMember>();
  readonly #connection = new BehaviorSubject<RTCPeerConnection | undefined>(undefined);
  readonly #connectionState = new BehaviorSubject<RTCPeerConnectionState>('new');
  readonly #view: SubscriptionView;
  #outgoing: MediaStream | undefined;
  #stay: JanusMembership | undefined;
  #life: Subscription | undefined;
  #ended = false;
  #identity: Promise<[room: number, pin: string | null]> | undefined;

  /**
   * A room `roomId` on the Janus server at `url`; {@link start} joins it.
   *
   * @example
   * ```ts
   * const room = new JanusRoom('jam', 'ws://10.201.0.1:8188', { name: 'Ada' });
   * room.start();
   * room.leave();
   * ```
   */
  constructor(roomId: string, url: string, options: JoinOptions) {
    this.#roomId = roomId;
    this.#url = url;
    this.#options = options;
    this.#outgoing = options.stream && new MediaStream(options.stream.getTracks());
    this.peers$ = this.#roster.asObservable();
    this.uplinkKbps$ = new BehaviorSubject(options.uplinkKbps ?? DEFAULT_UPLINK_KBPS);
    this.#view = {
      connection$: this.#connection.asObservable(),
      connectionState$: this.#connectionState.asObservable(),
      showAt: (feed, size) => this.#stay?.subscription.showAt(feed, size),
    };
  }

  /** Joins, and joins again after every outage the reconnect policy allows. */
  start(): void {
    const policy = this.#options.reconnect ?? backoffPolicy();
    const place = defer(() => this.#place());
    this.#life = place
      .pipe(
        switchMap((at) => this.#stayAt(at)),
        retry({
          resetOnSuccess: true,
          delay: (error: unknown, attempt) => {
            const refusal = error instanceof RoomError ? error : new RoomError('join-failed', String(error), { cause: error });
            const delay = FINAL.has(refusal.reason) ? null : policy.delayMs(attempt);
            if (delay === null) throw refusal;
            if (attempt === 1) this.errors$.next(refusal);
            return timer(delay);
          },
        }),
      )
      .subscribe({ error: (error: RoomError) => this.#end(error) });
  }

  send(data: unknown, to?: string): void {
    const stay = this.#stay;
    const target = to === undefined ? undefined : this.#memberOf(to);
    if (!stay || (to !== undefined && !target)) {
      this.errors$.next(new RoomError('send-failed', `${to ?? 'the room'} cannot be reached now`, { peerId: to }));
      return;
    }
    let text: string | undefined;
    try {
      text = JSON.stringify(data);
    } catch (cause) {
      this.errors$.next(new RoomError('send-failed', 'a message that is not JSON', { cause, peerId: to }));
      return;
    }
    if (text === undefined || text.length > MAX_JANUS_MESSAGE_LENGTH) {
      const what = text === undefined ? 'nothing JSON can carry' : `${text.length} characters (at most ${MAX_JANUS_MESSAGE_LENGTH})`;
      this.errors$.next(new RoomError(text === undefined ? 'send-failed' : 'message-too-large', `a message of ${what}`, { peerId: to }));
      return;
    }
    stay.text.send(text, to).catch((error: RoomError) => this.errors$.next(error));
  }

  replaceTrack(track: MediaStreamTrack): void {
    const outgoing = this.#outgoing;
    if (!outgoing || outgoing.getTracks().every((existing) => existing.kind !== track.kind)) {
      this.errors$.next(new RoomError('media-unsupported', `this member joined sharing no ${track.kind}: there is none to replace`));
      return;
    }
    this.#outgoing = new MediaStream([...outgoing.getTracks().filter((existing) => existing.kind !== track.kind), track]);
    this.#stay?.publisher?.replaceTrack(track);
  }

  leave(): void {
    this.#end(undefined);
  }

  async #place(): Promise<StayPlace> {
    const options = this.#options;
    // Worked out once (the pin costs 600 000 rounds), not on every stay.
    this.#identity ??= Promise.all([janusRoomNumber(this.#roomId), janusPin(this.#roomId, options.passphrase)]);
    const [room, pin] = await this.#identity;
    return {
      url: this.#url,
      room,
      pin,
      memberId: this.#memberId,
      name: options.name,
      stream: this.#outgoing,
      maxMembers: options.maxMembers ?? DEFAULT_JANUS_MAX_MEMBERS,
      iceServers: options.iceServers ?? [],
      uplinkKbps: this.uplinkKbps$.value,
    };
  }

  /** One stay: emits once in (a success, for the policy), errors when it ends unasked. */
  #stayAt(place: StayPlace): Observable<true> {
    return new Observable<true>((subscriber) => {
      let stay: JanusMembership | undefined;
      let over = false;
      JanusMembership.enter({ ...place, stream: this.#outgoing }).then(
        (entered) => {
          if (over) {
            entered.close();
            return;
          }
          stay = entered;
          this.#enter(entered);
          subscriber.next(true);
          void entered.lost.then((why) => subscriber.error(new RoomError(why.reason, `${why.message} at ${this.#url}; joining again`)));
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        over = true;
        if (stay) this.#exit(stay);
      };
    });
  }

  #enter(stay: JanusMembership): void {
    this.#stay = stay;
    this.self$.next({ id: String(this.#memberId), ...(this.#options.name ? { name: this.#options.name } : {}) });
    this.#arrive(stay.present);
    stay.events$.subscribe((event: StayEvent) => {
      if (event.kind === 'arrived') this.#arrive(event.members);
      else if (event.kind === 'left') this.#depart(event.id);
      else this.errors$.next(event.error);
    });
    stay.subscription.media$.subscribe(({ feed, stream }) => this.#members.get(feed)?.show(stream));
    stay.subscription.connectionState$.subscribe((state) => this.#connectionState.next(state));
    this.#connection.next(undefined);
    stay.subscription.connectionState$.subscribe(() => this.#connection.next(stay.subscription.peerConnection));
    stay.text.messages$.subscribe(({ from, text, whisper }) => this.#receive(from, text, whisper));
    stay.begin();
  }

  #exit(stay: JanusMembership): void {
    if (this.#stay === stay) this.#stay = undefined;
    stay.close();
    for (const id of [...this.#members.keys()]) this.#depart(id);
    this.#connection.next(undefined);
  }

  #arrive(participants: readonly Participant[]): void {
    let changed = false;
    for (const { id, name } of participants) {
      if (id === this.#memberId || this.#members.has(id)) continue;
      this.#members.set(id, new JanusMember(id, name, this.#view));
      changed = true;
    }
    if (changed) this.#publishRoster();
  }

  #depart(id: number): void {
    const member = this.#members.get(id);
    if (!member) return;
    this.#members.delete(id);
    member.release();
    this.#publishRoster();
  }

  #publishRoster(): void {
    this.#roster.next([...this.#members.values()].map((member) => member.peer));
  }

  #memberOf(id: string): JanusMember | undefined {
    return /^[1-9]\d{0,15}$/.test(id) ? this.#members.get(Number(id)) : undefined;
  }

  #receive(from: string, text: string, whisper: boolean): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      this.errors$.next(new RoomError('malformed-message', `${from} sent a message that is not JSON`, { cause, peerId: from }));
      return;
    }
    this.messages$.next({ from, data, ...(whisper ? { direct: true } : {}) });
  }

  #end(error: RoomError | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#life?.unsubscribe();
    const stay = this.#stay;
    if (stay) this.#exit(stay);
    if (error) this.errors$.next(error);
    this.#roster.next([]);
    for (const subject of [
      this.#roster,
      this.self$,
      this.messages$,
      this.errors$,
      this.uplinkKbps$,
      this.#connection,
      this.#connectionState,
    ]) {
      subject.complete();
    }
  }
}

/** This member's ID in the VideoRoom and TextRoom: random, 52 bits, JSON-safe; kept across stays. */
function randomMemberId(): number {
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return (high & 0xfffff) * 2 ** 32 + low || 1;
}
