import { BehaviorSubject, map, NEVER, Observable, of, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { AudioFrame } from './AudioFrame.ts';
import type { MemberAudio } from './MemberAudio.ts';
import { roomLevels, type SelfAudio, type StreamAnalyser } from './roomLevels.ts';
import {
  scheduler,
  type Roster,
  type Snapshot,
  SILENT,
  RATE,
  INSTANT,
  fakeStream,
  frame,
  FRAMES,
  peer,
  replayed,
  analyserOf,
  snapshot,
  levelsOf,
} from '../testing/roomLevelsRig.ts';

describe('roomLevels', () => {
  it("releases every analyser, self's included, on unsubscribe", () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const me = fakeStream('me');
      const ada = fakeStream('ada');
      const bob = fakeStream('bob');
      const all = [me, ada, bob].map((stream) => [stream, cold('L 99ms L 99ms L', FRAMES)] as const);
      const roster = hot<Roster>('^ 49ms r', { r: [peer('ada', of(ada)), peer('bob', of(bob))] });
      const levels = roster.pipe(levelsOf({ self: { id: 'me', stream: me }, analyse: RATE, analyser: analyserOf(new Map(all)) }));
      expectObservable(levels, '^ 119ms !').toBe('s 49ms r 49ms b', {
        s: { me: SILENT },
        r: { me: [-30, true], ada: SILENT, bob: SILENT },
        b: { me: [-30, true], ada: [-30, true], bob: [-30, true] },
      });
      expectSubscriptions(all[0]![1].subscriptions).toBe('^ 119ms !');
      expectSubscriptions(all[1]![1].subscriptions).toBe('50ms ^ 69ms !');
      expectSubscriptions(all[2]![1].subscriptions).toBe('50ms ^ 69ms !');
      expectSubscriptions(roster.subscriptions).toBe('^ 119ms !');
    });
  });

  it('completes with the roster, releasing every analyser', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = fakeStream('ada');
      const adaFrames = cold('L', FRAMES);
      const selfFrames = cold('L', FRAMES);
      const me = fakeStream('me');
      const roster = cold<Roster>('r 149ms |', { r: [peer('ada', of(ada))] });
      const levels = roster.pipe(
        levelsOf({
          self: { id: 'me', stream: me },
          analyse: RATE,
          analyser: analyserOf(
            new Map([
              [ada, adaFrames],
              [me, selfFrames],
            ]),
          ),
        }),
      );
      // Self at once, the roster later in frame 0 (a cold one is not replayed).
      expectObservable(levels).toBe('(sr) 96ms a 49ms |', {
        s: { me: SILENT },
        r: { me: [-30, true], ada: SILENT },
        a: { me: [-30, true], ada: [-30, true] },
      });
      expectSubscriptions(adaFrames.subscriptions).toBe('^ 149ms !');
      expectSubscriptions(selfFrames.subscriptions).toBe('^ 149ms !');
    });
  });

  it('ends with the error of an analyser, releasing the others', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = fakeStream('ada');
      const bob = fakeStream('bob');
      const adaFrames = cold('L', FRAMES);
      const bobFrames = cold('30ms #', FRAMES, new Error('no audio context'));
      const roster = replayed([peer('ada', of(ada)), peer('bob', of(bob))]);
      const levels = roster.pipe(
        levelsOf({
          analyse: RATE,
          analyser: analyserOf(
            new Map([
              [ada, adaFrames],
              [bob, bobFrames],
            ]),
          ),
        }),
      );
      expectObservable(levels).toBe('a 29ms #', { a: { ada: SILENT, bob: SILENT } }, new Error('no audio context'));
      expectSubscriptions(adaFrames.subscriptions).toBe('^ 29ms !');
    });
  });

  it('hands out one map, updated in place (nothing allocated per frame)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const ada = fakeStream('ada');
      const roster = cold<Roster>('r', { r: [peer('ada', of(ada))] });
      const levels = roster.pipe(roomLevels({ analyse: RATE, analyser: analyserOf(new Map([[ada, cold('L 99ms F 99ms L', FRAMES)]])) }));
      let first: ReadonlyMap<string, MemberAudio> | undefined;
      let firstEntry: MemberAudio | undefined;
      const sameObjects = levels.pipe(
        map((current) => {
          first ??= current;
          firstEntry ??= current.get('ada');
          return current === first && current.get('ada') === firstEntry;
        }),
      );
      expectObservable(sameObjects, '^ 250ms !').toBe('t 99ms t 99ms t', { t: true });
    });
  });

  it('releases every analyser on unsubscribe with a live roster and streams (no virtual time)', () => {
    let live = 0;
    const counting: StreamAnalyser = () =>
      new Observable<AudioFrame>((subscriber) => {
        live += 1;
        subscriber.next(frame(-30));
        return () => (live -= 1);
      });
    const adaStream$ = new BehaviorSubject<MediaStream | null>(fakeStream('ada'));
    const roster = new BehaviorSubject<Roster>([
      peer('ada', adaStream$),
      peer('bob', new BehaviorSubject<MediaStream | null>(fakeStream('bob'))),
    ]);
    const self = new Subject<SelfAudio | null>();
    const seen: Snapshot[] = [];
    const subscription = roster
      .pipe(roomLevels({ self, analyser: counting, speaking: INSTANT }), snapshot)
      .subscribe((levels) => seen.push(levels));
    self.next({ id: 'me', stream: fakeStream('me') });
    expect(live).toBe(3);
    adaStream$.next(fakeStream('ada, again'));
    expect(live).toBe(3);
    adaStream$.next(null);
    expect(live).toBe(2);
    subscription.unsubscribe();
    expect(live).toBe(0);
    expect(roster.observed || self.observed || adaStream$.observed).toBe(false);
    // Members are told at once (with the levels so far); later levels, such as ada's silence
    // without a stream, wait for the (real) clock this test does not await.
    expect(seen).toEqual([
      { ada: [-30, true], bob: [-30, true] },
      { me: [-30, true], ada: [-30, true], bob: [-30, true] },
    ]);
  });

  it('throws a RangeError at once for bad analysis or speaking options', () => {
    expect(() => roomLevels({ analyse: { rate: 0 } })).toThrowError(RangeError);
    expect(() => roomLevels({ analyse: { fftSize: 1000 }, analyser: () => NEVER })).toThrowError(RangeError);
    expect(() => roomLevels({ speaking: { stopDb: -40 } })).toThrowError(RangeError);
  });
});
