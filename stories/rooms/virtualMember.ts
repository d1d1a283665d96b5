/**
 * An in-page virtual member: what one person in their own tab would be — a synthetic stream,
 * a `joinRoom` and a card showing what the room tells it — so that one page holds a whole
 * room.
 */
import {
  BehaviorSubject,
  defer,
  EMPTY,
  filter,
  finalize,
  fromEvent,
  ignoreElements,
  map,
  merge,
  of,
  switchMap,
  take,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import type { JoinOptions, RemotePeer } from '../../src/index.ts';
import { ownedSyntheticStream } from '../peer-basics/ownedStream.ts';
import { showStream } from '../peer-basics/showStream.ts';
import type { CardPart, Stay } from './cardPart.ts';
import { inRoom } from './inRoom.ts';
import { memberCard } from './memberCard.ts';

export interface MemberSpec {
  readonly name: string;
  /** Background of its synthetic picture: tells members apart at a glance. */
  readonly color: string;
  /** Its tone, in Hz. */
  readonly frequency: number;
  /** How it joins, besides its name and stream. */
  readonly join?: Omit<JoinOptions, 'name' | 'stream'>;
}

export interface VirtualMemberOptions {
  readonly roomId: string;
  readonly parts: readonly CardPart[];
  /** When to join the first time; default: at once. */
  readonly joinWhen?: Observable<unknown>;
  /** Offer a Leave/Join button. */
  readonly toggle?: boolean;
}

export interface VirtualMember {
  readonly card: HTMLElement;
  /** Its `self$` while in the room, `null` while out; replays. */
  readonly self$: Observable<{ readonly id: string } | null>;
  /** Its roster while in the room, empty while out; replays. */
  readonly peers$: Observable<readonly RemotePeer[]>;
}

/** Small and slow enough that three members, six calls, stay light on a busy machine. */
export const PICTURE = { width: 160, height: 120, fps: 15 } as const;

/**
 * Makes the member; everything it starts belongs to `lifetime`. It joins when `joinWhen`
 * first emits; the toggle leaves and joins again (each time a new `joinRoom`, so a new ID).
 *
 * @example
 * ```ts
 * const ada = virtualMember({ name: 'Ada', color: '#2b4c7e', frequency: 440 }, { roomId, parts: [rosterPart()] }, lifetime);
 * root.append(ada.card);
 * ```
 */
export function virtualMember(spec: MemberSpec, options: VirtualMemberOptions, lifetime: Subscription): VirtualMember {
  const card = memberCard(spec.name, { toggle: options.toggle });
  for (const part of options.parts) card.parts.append(part.element);
  // Like a camera preview, the stream outlives the member's stays: only the story ends it.
  const local = ownedSyntheticStream({ label: spec.name, color: spec.color, frequency: spec.frequency, ...PICTURE });
  showStream(card.ownVideo, local.stream);
  const joinOptions: JoinOptions = { ...spec.join, name: spec.name, stream: local.stream };

  const self = new BehaviorSubject<{ readonly id: string } | null>(null);
  const peers = new BehaviorSubject<readonly RemotePeer[]>([]);
  let inside = false;

  const run = (stay: Stay) =>
    merge(
      stay.room.self$.pipe(
        tap((joined) => {
          card.joined(joined.id);
          self.next(joined);
        }),
      ),
      stay.room.peers$.pipe(tap((roster) => peers.next(roster))),
      ...options.parts.map((part) => part.run(stay)),
    ).pipe(ignoreElements());

  const stay = defer(() => {
    inside = true;
    card.joining();
    return inRoom(options.roomId, joinOptions, (room) => run({ room, name: spec.name }));
  }).pipe(
    finalize(() => {
      inside = false;
      self.next(null);
      peers.next([]);
      card.out();
    }),
  );

  const wants$ = merge(
    (options.joinWhen ?? of(true)).pipe(
      take(1),
      map(() => true),
    ),
    // Read `inside` at the click: a room that ended by itself leaves the button on "Join".
    card.toggle ? fromEvent(card.toggle, 'click').pipe(map(() => !inside)) : EMPTY,
  );
  lifetime.add(
    wants$
      .pipe(
        // A wish to be where the member already is (joinWhen after a click on Join) is no change.
        filter((want) => want !== inside),
        // A new wish ends the current stay first: one room at a time.
        switchMap((want) => (want ? stay : EMPTY)),
      )
      .subscribe(),
  );
  // Added after the stay: the member leaves the room before its stream stops.
  lifetime.add(local);
  lifetime.add(() => {
    self.complete();
    peers.complete();
  });
  return { card: card.root, self$: self.asObservable(), peers$: peers.asObservable() };
}
