/**
 * Another member of a Janus room, as its `RemotePeer`: its media comes down this member's one
 * subscription, so its connection state and stats are that subscription's.
 */
import { BehaviorSubject, filter, type Observable, Subject, switchMap, takeUntil } from 'rxjs';
import { type ConnectionStats, type ConnectionStatsOptions, connectionStats } from '../../rtc/connectionStats.ts';
import type { RemotePeer } from '../RemotePeer.ts';
import { checkedViewSize, type VideoSize } from '../splitUplink.ts';

/** What a member needs of the room's current stay: its subscription's connection, and the layer a view takes. */
export interface SubscriptionView {
  readonly connection$: Observable<RTCPeerConnection | undefined>;
  readonly connectionState$: Observable<RTCPeerConnectionState>;
  showAt(feed: number, size: VideoSize | null): void;
}

export class JanusMember {
  readonly feed: number;
  readonly peer: RemotePeer;
  readonly #stream = new BehaviorSubject<MediaStream | null>(null);
  readonly #gone = new Subject<void>();

  /**
   * @example
   * ```ts
   * declare const view: SubscriptionView;
   * const member = new JanusMember(1234, 'Ada', view);
   * member.peer.stream$.subscribe((stream) => console.log(stream?.getTracks().length));
   * ```
   */
  constructor(feed: number, name: string | undefined, view: SubscriptionView) {
    this.feed = feed;
    const gone = this.#gone;
    let told: VideoSize | null = null;
    this.peer = {
      id: String(feed),
      ...(name === undefined ? {} : { name }),
      stream$: this.#stream.asObservable(),
      connectionState$: view.connectionState$.pipe(takeUntil(gone)),
      stats: (options?: ConnectionStatsOptions): Observable<ConnectionStats> =>
        view.connection$.pipe(
          filter((pc): pc is RTCPeerConnection => pc !== undefined),
          switchMap((pc) => connectionStats(pc, options)),
          takeUntil(gone),
        ),
      showVideoAt: (size) => {
        const view$ = size && checkedViewSize(size);
        if (view$ ? told?.width === view$.width && told.height === view$.height : told === null) return;
        told = view$;
        view.showAt(feed, view$);
      },
    };
  }

  /** The member's media now (`null`: none). */
  show(stream: MediaStream | null): void {
    if (this.#stream.value !== stream) this.#stream.next(stream);
  }

  /** The member is gone: its stream ends with `null`, its state and stats complete. Idempotent. */
  release(): void {
    if (this.#stream.closed) return;
    this.#stream.next(null);
    this.#stream.complete();
    this.#gone.next();
    this.#gone.complete();
  }
}
