/**
 * One stay of a member in a Janus room, from one socket: its session, its VideoRoom publisher
 * handle (joined with its member ID, publishing its media), its subscription to the others and
 * its TextRoom. A stay ends when the member leaves or the socket goes (a Janus restart loses
 * every session and room); JanusRoom then starts a new stay with the same member ID.
 */
import { Subject } from 'rxjs';
import { RoomError } from '../RoomError.ts';
import { JanusError, VIDEOROOM_PLUGIN } from './JanusError.ts';
import { type JanusHandle, type JanusSession, openJanusSession } from './JanusSession.ts';
import { JanusPublisher } from './JanusPublisher.ts';
import { JanusSocket } from './JanusSocket.ts';
import { JanusSubscription } from './JanusSubscription.ts';
import type { JanusMessage } from './janusWire.ts';
import { JanusTextRoom } from './JanusTextRoom.ts';
import { type Participant, readVideoRoomNews, type VideoRoomNews } from './videoRoomNews.ts';

/**
 * How often Janus asks each publisher for a keyframe, in seconds. A subscriber switches to a
 * smaller simulcast layer only on that layer's keyframe, and Chromium sends none unasked: with
 * none, a view made smaller kept the large layer (seen with Janus 1.1.2 and Chromium).
 */
const KEYFRAME_EVERY_S = 3;
/** The longest a join may take before it is given up (and tried again): far above the seconds one takes. */
const MAX_JOIN_MS = 30_000;
/** VideoRoom's code for a room created by another member first: go on and join it. */
const ROOM_EXISTS = 427;

/** Where and as whom a member stays. */
export interface StayPlace {
  readonly url: string;
  readonly room: number;
  readonly pin: string | null;
  readonly memberId: number;
  readonly name: string | undefined;
  readonly stream: MediaStream | undefined;
  readonly maxMembers: number;
  readonly iceServers: readonly RTCIceServer[];
  readonly uplinkKbps: number;
}

/** What a stay tells its room: members there and going, and errors it shrugged off. */
export type StayEvent =
  | { readonly kind: 'arrived'; readonly members: readonly Participant[] }
  | { readonly kind: 'left'; readonly id: number }
  | { readonly kind: 'error'; readonly error: RoomError };

export class JanusMembership {
  readonly events$ = new Subject<StayEvent>();
  /** Resolves with why the stay ended unasked (the socket went, the room was destroyed). */
  readonly lost: Promise<RoomError>;
  readonly subscription: JanusSubscription;
  readonly text: JanusTextRoom;
  readonly publisher: JanusPublisher | undefined;
  /** The members there when this stay began. */
  readonly present: readonly Participant[];

  readonly #socket: JanusSocket;
  readonly #session: JanusSession;
  #begin: () => void = () => undefined;

  private constructor(parts: {
    socket: JanusSocket;
    session: JanusSession;
    handle: JanusHandle;
    subscription: JanusSubscription;
    text: JanusTextRoom;
    publisher: JanusPublisher | undefined;
    present: readonly Participant[];
    publishing: readonly Participant[];
    early: EarlyEvents;
  }) {
    this.#socket = parts.socket;
    this.#session = parts.session;
    this.subscription = parts.subscription;
    this.text = parts.text;
    this.publisher = parts.publisher;
    this.present = parts.present;
    this.lost = new Promise((resolve) => {
      parts.socket.state$.subscribe({ complete: () => resolve(new RoomError('signaling-unavailable', 'lost the Janus server')) });
      const read = (message: JanusMessage) => {
        if (message.janus !== 'event') return;
        const news = readVideoRoomNews(message.plugindata.data);
        if (news instanceof RoomError) this.events$.next({ kind: 'error', error: news });
        else if (news.kind === 'destroyed') resolve(new RoomError('join-failed', 'the Janus room was destroyed'));
        else this.#tell(news);
      };
      this.#begin = () => {
        parts.subscription.add(parts.publishing);
        // What came while joining, then the rest as it comes: nothing in between is missed (all synchronous).
        for (const message of parts.early.takeOver(read)) read(message);
      };
    });
    const shrugged = (error: unknown) => this.events$.next({ kind: 'error', error: asRoomError(error, 'the Janus server') });
    parts.subscription.failures$.subscribe(shrugged);
    parts.text.errors$.subscribe(shrugged);
  }

  /**
   * Opens a socket to `place.url` and stays in the room: creates it (with its pin and its
   * member cap) when absent, joins, publishes, subscribes to the others and joins the text room.
   * Rejects with a RoomError (`room-full`, `wrong-passphrase`, `signaling-unavailable`,
   * `join-failed`) after closing everything it opened.
   *
   * @example
   * ```ts
   * declare const place: StayPlace;
   * const stay = await JanusMembership.enter(place);
   * stay.events$.subscribe((event) => console.log(event.kind));
   * stay.close();
   * ```
   */
  static async enter(place: StayPlace): Promise<JanusMembership> {
    const socket = new JanusSocket(place.url);
    const opened: { publisher?: JanusPublisher; text?: JanusTextRoom } = {};
    // What waits on something else than the socket (the text room's channel opening, its answer
    // coming back over it) gives up when the socket goes, or when the whole join takes too long.
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    const until = new Promise<never>((_, reject) => {
      giveUp = setTimeout(() => reject(new RoomError('join-failed', `joining took more than ${MAX_JOIN_MS / 1000} s`)), MAX_JOIN_MS);
      socket.state$.subscribe({ complete: () => reject(new RoomError('signaling-unavailable', 'lost the Janus server while joining')) });
    });
    until.catch(() => undefined);
    try {
      const session = await openJanusSession(socket);
      const handle = await session.attach(VIDEOROOM_PLUGIN);
      const early = new EarlyEvents(handle);
      await createIfAbsent(handle, place);
      const joined = readVideoRoomNews(
        (
          await handle.request({
            request: 'join',
            ptype: 'publisher',
            room: place.room,
            id: place.memberId,
            ...(place.pin ? { pin: place.pin } : {}),
            ...(place.name ? { display: place.name } : {}),
          })
        ).data,
      );
      if (joined instanceof RoomError) throw joined;
      if (joined.kind !== 'joined') throw new RoomError('join-failed', 'Janus answered the join with something else');
      const present = joined.members.filter((member) => member.id !== place.memberId);
      if (present.length + 1 > place.maxMembers) {
        throw new RoomError('room-full', `the room has ${present.length} members and takes ${place.maxMembers}`);
      }
      if (place.stream) opened.publisher = await JanusPublisher.publish(handle, { ...place, stream: place.stream });
      const subscription = new JanusSubscription(session, {
        room: place.room,
        pin: place.pin,
        privateId: joined.privateId,
        iceServers: place.iceServers,
      });
      opened.text = await JanusTextRoom.join(
        session,
        {
          room: place.room,
          pin: place.pin,
          username: String(place.memberId),
          display: place.name,
          iceServers: place.iceServers,
        },
        until,
      );
      clearTimeout(giveUp);
      return new JanusMembership({
        socket,
        session,
        handle,
        subscription,
        text: opened.text,
        publisher: opened.publisher,
        present,
        publishing: joined.publishing,
        early,
      });
    } catch (error) {
      clearTimeout(giveUp);
      opened.publisher?.close();
      opened.text?.close();
      socket.dispose();
      throw asRoomError(error, place.url);
    }
  }

  /**
   * Starts telling: the members that arrived or left while joining, then the rest as it comes.
   * Called once the room listens to `events$`.
   *
   * @example
   * ```ts
   * declare const stay: JanusMembership;
   * stay.events$.subscribe((event) => console.log(event.kind));
   * stay.begin();
   * ```
   */
  begin(): void {
    this.#begin();
    this.#begin = () => undefined;
  }

  /** Leaves: ends the session (Janus tells the others at once), closes every connection. Idempotent. */
  close(): void {
    this.subscription.close();
    this.text.close();
    this.publisher?.close();
    // Destroying the session tells the others now; closing the socket would too, a little later.
    void this.#session.destroy().finally(() => this.#socket.dispose());
    this.events$.complete();
  }

  #tell(news: VideoRoomNews): void {
    if (news.kind === 'arrived') {
      this.events$.next({ kind: 'arrived', members: news.members });
      if (news.publishing) this.subscription.add(news.members);
    } else if (news.kind === 'unpublished') this.subscription.forget(news.id);
    else if (news.kind === 'left') {
      this.subscription.forget(news.id);
      this.events$.next({ kind: 'left', id: news.id });
    }
  }
}

/** Holds the handle's events from attaching until the stay can read them: a member arriving mid-join is not missed. */
class EarlyEvents {
  #held: JanusMessage[] | undefined = [];
  #reader: ((message: JanusMessage) => void) | undefined;

  constructor(handle: JanusHandle) {
    // Ends with the socket (its events$ completes): nothing to unsubscribe.
    handle.events$.subscribe((message) => {
      if (this.#held) this.#held.push(message);
      else this.#reader?.(message);
    });
  }

  /** From now on `reader` reads each event; returns those held so far, to read first. */
  takeOver(reader: (message: JanusMessage) => void): JanusMessage[] {
    const held = this.#held ?? [];
    this.#held = undefined;
    this.#reader = reader;
    return held;
  }
}

async function createIfAbsent(handle: JanusHandle, place: StayPlace): Promise<void> {
  const { data } = await handle.request({ request: 'exists', room: place.room });
  if (data.exists === true) return;
  try {
    await handle.request({
      request: 'create',
      room: place.room,
      is_private: true,
      permanent: false,
      publishers: place.maxMembers,
      notify_joining: true,
      fir_freq: KEYFRAME_EVERY_S,
      audiocodec: 'opus',
      videocodec: 'vp8',
      ...(place.pin ? { pin: place.pin } : {}),
    });
  } catch (error) {
    if (!(error instanceof JanusError && error.code === ROOM_EXISTS)) throw error;
  }
}

function asRoomError(error: unknown, url: string): RoomError {
  if (error instanceof RoomError) return error;
  return new RoomError('join-failed', `could not join on the Janus server at ${url}: ${String(error)}`, { cause: error });
}
