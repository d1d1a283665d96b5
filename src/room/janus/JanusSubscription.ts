/**
 * What a member receives on Janus: one subscriber handle and one PeerConnection carrying every
 * other member's media (Janus 1.x multistream). Feeds are added as members publish; Janus takes
 * a feed out by itself when its member goes, offering the smaller session again. Each change
 * is one renegotiation, made one at a time, in the order asked.
 *
 * Janus recycles the m-line of a feed that went for the next feed added, and the browser keeps
 * the line's receiver (and its track), so streams are rebuilt from the lines after every
 * renegotiation rather than from `track` events.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import type { VideoSize } from '../splitUplink.ts';
import { JanusError, VIDEOROOM_PLUGIN } from './JanusError.ts';
import type { JanusHandle, JanusSession, PluginReply } from './JanusSession.ts';
import { gatheredDescription } from './gatheredDescription.ts';
import { readVideoRoomNews, type SubscribedStream } from './videoRoomNews.ts';

export interface SubscriptionPlace {
  readonly room: number;
  readonly pin: string | null;
  /** The publisher handle's `private_id`: ties this subscription to its member. */
  readonly privateId: number | undefined;
  readonly iceServers: readonly RTCIceServer[];
}

/** A feed's media, now: its tracks in one stream (`null` once the feed carries none). */
export interface FeedMedia {
  readonly feed: number;
  readonly stream: MediaStream | null;
}

/** Views up to this many device pixels high take the quarter layer, up to {@link HALF_LAYER_MAX_HEIGHT} the half one. */
/** VideoRoom's code for a feed that is not (or no longer) there. */
const NO_SUCH_FEED = 428;

export const QUARTER_LAYER_MAX_HEIGHT = 180;
export const HALF_LAYER_MAX_HEIGHT = 360;

export class JanusSubscription {
  /** Each feed's media whenever its tracks change. */
  readonly media$ = new Subject<FeedMedia>();
  /** The subscriber PeerConnection's state (`new` until the first feed). */
  readonly connectionState$ = new BehaviorSubject<RTCPeerConnectionState>('new');
  /** Renegotiations that failed; the subscription goes on with the next change. */
  readonly failures$ = new Subject<unknown>();

  readonly #session: JanusSession;
  readonly #place: SubscriptionPlace;
  /** The feeds subscribed to, and how many layers each sends. */
  readonly #wanted = new Map<number, number>();
  readonly #lines = new Map<string, SubscribedStream>();
  readonly #shown = new Map<number, MediaStream>();
  #handle: JanusHandle | undefined;
  #pc: RTCPeerConnection | undefined;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  /**
   * A subscription for the member whose publisher handle joined at `place`; it attaches its own
   * handle once there is a first feed.
   *
   * @example
   * ```ts
   * import type { JanusSession } from './JanusSession.ts';
   * declare const session: JanusSession;
   * const subscription = new JanusSubscription(session, { room: 42, pin: null, privateId: 7, iceServers: [] });
   * subscription.media$.subscribe(({ feed, stream }) => console.log(feed, stream?.getTracks().length));
   * subscription.add([{ id: 1234, layers: 3 }]);
   * ```
   */
  constructor(session: JanusSession, place: SubscriptionPlace) {
    this.#session = session;
    this.#place = place;
  }

  /** The PeerConnection carrying the feeds, once there is one. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#pc;
  }

  /**
   * Subscribes to `feeds` (those not subscribed yet), each sending `layers` simulcast layers.
   *
   * @example
   * ```ts
   * declare const subscription: JanusSubscription;
   * subscription.add([{ id: 1234, layers: 3 }, { id: 5678, layers: 1 }]);
   * ```
   */
  add(feeds: readonly { readonly id: number; readonly layers: number }[]): void {
    const fresh = feeds.filter((feed) => !this.#wanted.has(feed.id));
    if (fresh.length === 0) return;
    for (const { id, layers } of fresh) this.#wanted.set(id, layers);
    this.#enqueue(async () => {
      const streams = fresh.filter((feed) => this.#wanted.has(feed.id)).map((feed) => ({ feed: feed.id }));
      if (streams.length === 0) return;
      try {
        await this.#subscribe(streams);
      } catch (error) {
        // Janus refuses the whole request when one feed went meanwhile: the rest one by one.
        if (streams.length === 1) throw error;
        for (const stream of streams) await this.#subscribe([stream]).catch((alone: unknown) => this.#fail(alone));
      }
    });
  }

  /**
   * Forgets `feed` (its member stopped publishing or left): Janus has taken it out already; a
   * later publish adds it again.
   *
   * @example
   * ```ts
   * declare const subscription: JanusSubscription;
   * subscription.forget(1234);
   * ```
   */
  forget(feed: number): void {
    this.#wanted.delete(feed);
    this.#show(feed, null);
  }

  /**
   * Takes the simulcast layer of `feed`'s video that a view of `size` needs: the quarter, the
   * half or the full one (`null`: full), or the nearest the feed sends (Janus would wait for
   * a layer that is not sent, and keep the current one meanwhile).
   *
   * @example
   * ```ts
   * declare const subscription: JanusSubscription;
   * subscription.showAt(1234, { width: 160, height: 120 }); // the quarter layer
   * ```
   */
  showAt(feed: number, size: VideoSize | null): void {
    const height = size?.height ?? Number.POSITIVE_INFINITY;
    const wanted = height <= QUARTER_LAYER_MAX_HEIGHT ? 0 : height <= HALF_LAYER_MAX_HEIGHT ? 1 : 2;
    this.#enqueue(async () => {
      // Janus numbers a feed's layers from the smallest: of two, the half (0) and the full (1).
      const layers = this.#wanted.get(feed) ?? 1;
      const substream = Math.max(0, wanted - (3 - layers));
      const streams = [...this.#lines.values()]
        .filter((line) => line.feed === feed && line.kind === 'video')
        .map(({ mid }) => ({ mid, substream }));
      if (streams.length > 0 && this.#handle) await this.#handle.request({ request: 'configure', streams });
    });
  }

  /** Closes the PeerConnection and ends every feed's media. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pc?.close();
    for (const feed of [...this.#shown.keys()]) this.#show(feed, null);
    this.connectionState$.next('closed');
    this.connectionState$.complete();
    this.media$.complete();
    this.failures$.complete();
  }

  #enqueue(step: () => Promise<void>): void {
    this.#queue = this.#queue.then(async () => {
      if (this.#closed) return;
      await step().catch((error: unknown) => this.#fail(error));
    });
  }

  /** Adds `streams` to the subscription, or starts it with them. */
  async #subscribe(streams: readonly { feed: number }[]): Promise<void> {
    if (this.#handle) await this.#renegotiate(await this.#handle.request({ request: 'subscribe', streams }));
    else await this.#attach(streams);
  }

  /** Reports a failed step, but not a feed that went before it could be subscribed to: its member left. */
  #fail(error: unknown): void {
    if (this.#closed || (error instanceof JanusError && error.code === NO_SUCH_FEED)) return;
    this.failures$.next(error);
  }

  async #attach(streams: readonly { feed: number }[]): Promise<void> {
    const handle = await this.#session.attach(VIDEOROOM_PLUGIN);
    const pc = new RTCPeerConnection({ iceServers: [...this.#place.iceServers] });
    this.#pc = pc;
    pc.addEventListener('connectionstatechange', () => {
      if (!this.#closed) this.connectionState$.next(pc.connectionState);
    });
    // Offers Janus makes unasked (a feed left): answered in turn with the rest.
    handle.events$.subscribe((message) => {
      if (message.janus !== 'event' || message.jsep?.type !== 'offer') return;
      const reply: PluginReply = { data: message.plugindata.data, jsep: message.jsep };
      this.#enqueue(() => this.#renegotiate(reply));
    });
    const { room, pin, privateId } = this.#place;
    const attached = await handle
      .request({
        request: 'join',
        ptype: 'subscriber',
        room,
        ...(pin ? { pin } : {}),
        ...(privateId === undefined ? {} : { private_id: privateId }),
        streams,
      })
      .catch((error: unknown) => {
        // Not joined: the next feed starts the subscription afresh (this handle goes with the session).
        pc.close();
        this.#pc = undefined;
        throw error;
      });
    this.#handle = handle;
    await this.#renegotiate(attached);
  }

  /** Reads what the subscription carries now and answers Janus's offer, if it made one. */
  async #renegotiate(reply: PluginReply): Promise<void> {
    const news = readVideoRoomNews(reply.data);
    if (!(news instanceof Error) && news.kind === 'streams') {
      this.#lines.clear();
      for (const line of news.streams) this.#lines.set(line.mid, line);
    }
    const pc = this.#pc;
    const handle = this.#handle;
    const offer = reply.jsep;
    if (offer?.type !== 'offer' || !pc || !handle) return;
    await pc.setRemoteDescription(offer);
    const answer = await gatheredDescription(pc, await pc.createAnswer());
    await handle.request({ request: 'start' }, answer);
    handle.trickleCompleted();
    this.#rebuildStreams(pc);
  }

  #rebuildStreams(pc: RTCPeerConnection): void {
    const tracks = new Map<number, MediaStreamTrack[]>();
    for (const transceiver of pc.getTransceivers()) {
      const line = transceiver.mid === null ? undefined : this.#lines.get(transceiver.mid);
      if (line?.feed === undefined || !this.#wanted.has(line.feed) || transceiver.currentDirection === 'inactive') continue;
      tracks.set(line.feed, [...(tracks.get(line.feed) ?? []), transceiver.receiver.track]);
    }
    for (const feed of [...this.#shown.keys()]) if (!tracks.has(feed)) this.#show(feed, null);
    for (const [feed, feedTracks] of tracks) {
      const shown = this.#shown.get(feed)?.getTracks() ?? [];
      const same = shown.length === feedTracks.length && feedTracks.every((track) => shown.includes(track));
      if (!same) this.#show(feed, new MediaStream(feedTracks));
    }
  }

  #show(feed: number, stream: MediaStream | null): void {
    if (stream) this.#shown.set(feed, stream);
    else if (!this.#shown.delete(feed)) return;
    this.media$.next({ feed, stream });
  }
}
