import { NEVER, type Observable, of } from 'rxjs';
import { describe, it } from 'vitest';
import type { AudioFrame } from './AudioFrame.ts';
import { roomLevels, type SelfAudio } from './roomLevels.ts';
import {
  scheduler,
  type Roster,
  SILENT,
  RATE,
  fakeStream,
  FRAMES,
  peer,
  replayed,
  analyserOf,
  snapshot,
  levelsOf,
} from '../testing/roomLevelsRig.ts';

describe('roomLevels', () => {
  it('measures self and every member: the state at once, then once per period when something changed', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const me = fakeStream('me');
      const ada = fakeStream('ada');
      const frames = new Map([
        [me, cold('20ms F', FRAMES)],
        [ada, cold('10ms L 99ms Q', FRAMES)],
      ]);
      const roster = replayed([peer('ada', of(ada)), peer('bob', of(null))]);
      const levels = roster.pipe(levelsOf({ self: { id: 'me', stream: me }, analyse: RATE, analyser: analyserOf(frames) }));
      // Self and the replayed roster in one emission at once; nothing changes after 110 ms,
      // so nothing is emitted at 300.
      expectObservable(levels, '^ 350ms !').toBe('a 99ms b 99ms c', {
        a: { me: SILENT, ada: SILENT, bob: SILENT },
        b: { me: [-20, true], ada: [-30, true], bob: SILENT },
        c: { me: [-20, true], ada: [-70, false], bob: SILENT },
      });
    });
  });

  it('adds members as they join and drops them, and their analysers, as they leave', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = fakeStream('ada');
      const bob = fakeStream('bob');
      const adaFrames = cold('L', FRAMES);
      const bobFrames = cold('F', FRAMES);
      const adaPeer = peer('ada', of(ada));
      const bobPeer = peer('bob', of(bob));
      const roster = cold<Roster>('a 149ms b 99ms c', { a: [adaPeer], b: [adaPeer, bobPeer], c: [bobPeer] });
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
      // Rosters at once (0, 150, 250), levels on the clock (100, 200).
      expectObservable(levels, '^ 399ms !').toBe('a 99ms b 49ms c 49ms d 49ms e', {
        a: { ada: SILENT },
        b: { ada: [-30, true] },
        c: { ada: [-30, true], bob: SILENT },
        d: { ada: [-30, true], bob: [-20, true] },
        e: { bob: [-20, true] },
      });
      expectSubscriptions(adaFrames.subscriptions).toBe('^ 249ms !');
      expectSubscriptions(bobFrames.subscriptions).toBe('150ms ^ 249ms !');
    });
  });

  it("follows a member's stream: silent without one, a new analyser for each new one", () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = fakeStream('first');
      const second = fakeStream('second');
      const firstFrames = cold('L', FRAMES);
      const secondFrames = cold('10ms F', FRAMES);
      const stream$ = cold('a 149ms n 99ms b', { a: first, n: null, b: second });
      const levels = replayed([peer('ada', stream$)]).pipe(
        levelsOf({
          analyse: RATE,
          analyser: analyserOf(
            new Map([
              [first, firstFrames],
              [second, secondFrames],
            ]),
          ),
        }),
      );
      // Still loud when the stream goes at 150: silent all the same.
      expectObservable(levels, '^ 350ms !').toBe('s 99ms a 99ms n 99ms b', {
        s: { ada: SILENT },
        a: { ada: [-30, true] },
        n: { ada: SILENT },
        b: { ada: [-20, true] },
      });
      expectSubscriptions(firstFrames.subscriptions).toBe('^ 149ms !');
      expectSubscriptions(secondFrames.subscriptions).toBe('250ms ^ 100ms !');
    });
  });

  it('counts a member silent when its analysis ends, and one whose stream has no sound as silent from the start', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const ending = fakeStream('ending');
      const mute = fakeStream('mute');
      const frames = new Map<MediaStream, Observable<AudioFrame>>([
        [ending, cold('10ms L 99ms |', FRAMES)],
        // analyse yields no frames for a stream without an audio track.
        [mute, NEVER],
      ]);
      const roster = cold<Roster>('r', { r: [peer('ada', of(ending)), peer('bob', of(mute))] });
      expectObservable(roster.pipe(levelsOf({ analyse: RATE, analyser: analyserOf(frames) })), '^ 250ms !').toBe('a 99ms b 99ms c', {
        a: { ada: SILENT, bob: SILENT },
        b: { ada: [-30, true], bob: SILENT },
        c: { ada: SILENT, bob: SILENT },
      });
    });
  });

  it("judges speaking per member with the speaking policy's hysteresis", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const ada = fakeStream('ada');
      const bob = fakeStream('bob');
      // Every 50 ms from 10 ms (between the clock's ticks). ada: loud from 10, quiet from
      // 110 ms; bob: quiet from 10, loud from 110 ms.
      const frames = new Map([
        [ada, cold('10ms L 49ms L 49ms Q 49ms Q 49ms Q 49ms Q', FRAMES)],
        [bob, cold('10ms Q 49ms Q 49ms L 49ms L 49ms L 49ms L', FRAMES)],
      ]);
      const roster = replayed([peer('ada', of(ada)), peer('bob', of(bob))]);
      const policy = { startAfterMs: 50, stopAfterMs: 150 };
      const levels = roster.pipe(roomLevels({ speaking: policy, analyse: { rate: 20 }, analyser: analyserOf(frames) }), snapshot);
      // ada speaks from 60 to 260 ms, bob from 160 ms. Nothing changes between 200 and 250.
      expectObservable(levels, '^ 310ms !').toBe('s 49ms a 49ms b 49ms c 49ms d 99ms e', {
        s: { ada: SILENT, bob: SILENT },
        a: { ada: [-30, false], bob: [-70, false] },
        b: { ada: [-30, true], bob: [-70, false] },
        c: { ada: [-70, true], bob: [-30, false] },
        d: { ada: [-70, true], bob: [-30, true] },
        e: { ada: [-70, false], bob: [-30, true] },
      });
    });
  });

  it('takes self from an Observable: absent while null, a new analyser for a new stream', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const camera = fakeStream('camera');
      const screen = fakeStream('screen');
      const cameraFrames = cold('L', FRAMES);
      const screenFrames = cold('F', FRAMES);
      const self = cold<SelfAudio | null>('n 149ms c 99ms s', {
        n: null,
        c: { id: 'me', stream: camera },
        s: { id: 'me', stream: screen },
      });
      const levels = cold<Roster>('r', { r: [] }).pipe(
        levelsOf({
          self,
          analyse: RATE,
          analyser: analyserOf(
            new Map([
              [camera, cameraFrames],
              [screen, screenFrames],
            ]),
          ),
        }),
      );
      // The first, empty roster is told; self when it comes and when it changes, at once.
      expectObservable(levels, '^ 350ms !').toBe('e 149ms a 49ms b 49ms c 49ms d', {
        e: {},
        a: { me: SILENT },
        b: { me: [-30, true] },
        c: { me: SILENT },
        d: { me: [-20, true] },
      });
      expectSubscriptions(cameraFrames.subscriptions).toBe('150ms ^ 99ms !');
      expectSubscriptions(screenFrames.subscriptions).toBe('250ms ^ 100ms !');
    });
  });

  it('keeps a member who left and came back in one roster emission', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const before = fakeStream('before');
      const after = fakeStream('after');
      const beforeFrames = cold('L', FRAMES);
      const afterFrames = cold('F', FRAMES);
      const roster = cold<Roster>('a 149ms b', { a: [peer('ada', of(before))], b: [peer('ada', of(after))] });
      const levels = roster.pipe(
        levelsOf({
          analyse: RATE,
          analyser: analyserOf(
            new Map([
              [before, beforeFrames],
              [after, afterFrames],
            ]),
          ),
        }),
      );
      expectObservable(levels, '^ 250ms !').toBe('s 99ms a 49ms t 49ms b', {
        s: { ada: SILENT },
        a: { ada: [-30, true] },
        t: { ada: SILENT },
        b: { ada: [-20, true] },
      });
      expectSubscriptions(beforeFrames.subscriptions).toBe('^ 149ms !');
      expectSubscriptions(afterFrames.subscriptions).toBe('150ms ^ 100ms !');
    });
  });
});
