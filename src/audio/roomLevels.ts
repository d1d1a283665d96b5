/**
 * `roomLevels`: every member's level and speaking state, self included, as one map.
 */
import { asyncScheduler, EMPTY, finalize, isObservable, map, Observable, of, Subscription, switchMap, type OperatorFunction } from 'rxjs';
import { forEachPeer } from '../room/forEachPeer.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { analyse, DEFAULT_ANALYSIS_RATE_HZ, type AnalyseOptions } from './analyse.ts';
import type { AudioFrame } from './AudioFrame.ts';
import type { MemberAudio } from './MemberAudio.ts';
import { sharedTicks } from './sharedTicks.ts';
import { SpeakingDetector } from './SpeakingDetector.ts';
import { speakingPolicy, type SpeakingPolicy } from './speakingPolicy.ts';

/** This member, who is not in `peers$`, and what it shares (`JoinOptions.stream`). */
export interface SelfAudio {
  readonly id: string;
  readonly stream: MediaStream | null;
}

/** One stream's sound as frames: `analyse` by default, a fake in tests. */
export type StreamAnalyser = (stream: MediaStream) => Observable<AudioFrame>;

export interface RoomLevelsOptions {
  /**
   * This member, to be measured with the others. An Observable (such as one built from
   * `room.self$`) may emit `null` for "not known yet" and a new value when the stream changes.
   */
  readonly self?: SelfAudio | Observable<SelfAudio | null>;
  /**
   * Options of the default analyser. Its `rate` (default 30 Hz) is also the most often the
   * map is emitted, and its `scheduler` paces the emissions and the speaking delays.
   */
  readonly analyse?: AnalyseOptions;
  /** Replaces `analyse` for each stream (tests inject fakes here). */
  readonly analyser?: StreamAnalyser;
  /** When a member counts as speaking; `DEFAULT_SPEAKING` for what is left out. */
  readonly speaking?: Partial<SpeakingPolicy>;
}

/** What `roomLevels` writes and hands out read-only. */
interface Meter {
  levelDb: number;
  speaking: boolean;
}

/**
 * Measures every member of the roster, and `self`, and emits a map from member ID to
 * {@link MemberAudio}. Each member is measured from when it joins until it leaves (it is then
 * dropped from the map), following its `stream$`: a member without a stream or without sound
 * is in the map at `-Infinity` dB, not speaking.
 *
 * The map is emitted at once for every roster and whenever `self` joins or changes; level and
 * speaking changes are told on the analysis clock, at most once per period (`rate` Hz) and
 * only if something changed: n members at `rate` Hz make `rate` emissions a second, not
 * `n * rate`. The map and its entries are updated in place and emitted again (as
 * `AudioFrame`s are), so that nothing is allocated per frame: read it when it arrives and copy
 * what you keep. Unsubscribing releases every member's analyser.
 *
 * Completes when the roster completes. Throws a `RangeError` at
 * once for bad analysis or speaking options; an analyser's error ends the stream with it.
 *
 * @example
 * ```ts
 * const self = room.self$.pipe(map(({ id }) => ({ id, stream })));
 * room.peers$.pipe(roomLevels({ self, analyse: { rate: 20 } })).subscribe((levels) => {
 *   for (const [id, { levelDb, speaking }] of levels) console.log(id, levelDb.toFixed(0), speaking ? 'speaking' : '');
 * });
 * ```
 */
export function roomLevels(options: RoomLevelsOptions = {}): OperatorFunction<readonly MemberMedia[], ReadonlyMap<string, MemberAudio>> {
  // Built even when a fake replaces it: bad options throw here, whichever analyser runs.
  const analyseStream = analyse(options.analyse);
  const analyser: StreamAnalyser = options.analyser ?? ((stream) => of(stream).pipe(analyseStream));
  const policy = speakingPolicy(options.speaking);
  const periodMs = 1_000 / (options.analyse?.rate ?? DEFAULT_ANALYSIS_RATE_HZ);
  const scheduler = options.analyse?.scheduler ?? asyncScheduler;
  const self$ = selfMembers(options.self);

  return (roster$) =>
    new Observable<ReadonlyMap<string, MemberAudio>>((subscriber) => {
      const levels = new Map<string, Meter>();
      let changed = false;

      const flush = () => {
        if (!changed) return;
        changed = false;
        subscriber.next(levels);
      };

      /** Measures one member while subscribed; emits nothing, it writes into `levels`. */
      const measure = (member: MemberMedia) =>
        new Observable<never>((watcher) => {
          const meter: Meter = { levelDb: Number.NEGATIVE_INFINITY, speaking: false };
          const detector = new SpeakingDetector(policy);
          levels.set(member.id, meter);
          changed = true;

          const write = (levelDb: number, speaking: boolean) => {
            if (meter.levelDb === levelDb && meter.speaking === speaking) return;
            meter.levelDb = levelDb;
            meter.speaking = speaking;
            changed = true;
          };
          // Whenever an analysis ends (a new stream, none, the stream's end), its sound is gone.
          const silence = () => {
            detector.reset();
            write(Number.NEGATIVE_INFINITY, false);
          };

          const frames = member.stream$
            .pipe(switchMap((stream) => (stream === null ? EMPTY : analyser(stream).pipe(finalize(silence)))))
            .subscribe({
              next: (frame) => write(frame.levelDb, detector.hear(frame.levelDb, scheduler.now())),
              error: (error: unknown) => watcher.error(error),
            });
          return () => {
            frames.unsubscribe();
            // The same ID may already be measured again (a member who came back, a new self).
            if (levels.get(member.id) !== meter) return;
            levels.delete(member.id);
            changed = true;
          };
        });

      // Who is in the room is told at once; levels wait for the clock, so that n members
      // speaking make one emission per period, not n. Every roster is told, even one that
      // changes nothing (the first, empty roster above all: "nobody here" is news), and a
      // self and a roster replayed on subscribe are told together, in one emission.
      let subscribing = true;
      const membersChanged = () => {
        if (!subscribing) flush();
      };
      const rosterChanged = () => {
        changed = true;
        membersChanged();
      };
      const owned = new Subscription();
      const fail = (error: unknown) => subscriber.error(error);
      owned.add(
        thenRun(self$, membersChanged)
          .pipe(switchMap((self) => (self === null ? EMPTY : measure(self))))
          .subscribe({ error: fail }),
      );
      owned.add(
        thenRun(roster$, rosterChanged)
          .pipe(forEachPeer(measure))
          .subscribe({ error: fail, complete: () => subscriber.complete() }),
      );
      subscribing = false;
      flush();
      // The analysers' own clock (analyse shares one per rate): subscribed after the members
      // present now, so on each tick their frames are read before the map is told.
      owned.add(sharedTicks(periodMs, scheduler).subscribe(flush));
      return owned;
    });
}

/** `source`, calling `after` once each value has been handled downstream (synchronously). */
function thenRun<T>(source: Observable<T>, after: () => void): Observable<T> {
  return new Observable<T>((subscriber) =>
    source.subscribe({
      next: (value) => {
        subscriber.next(value);
        after();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
}

/** `self` as members, a fresh object per value, so that a new stream restarts its analyser. */
function selfMembers(self: RoomLevelsOptions['self']): Observable<MemberMedia | null> {
  const toMember = (value: SelfAudio | null): MemberMedia | null => (value === null ? null : { id: value.id, stream$: of(value.stream) });
  if (self === undefined) return of(null);
  return isObservable(self) ? self.pipe(map(toMember)) : of(toMember(self));
}
