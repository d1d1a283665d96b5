import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { RecorderEvent } from './RecorderEvent.ts';
import { recordingProgress } from './recordingProgress.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const EVENTS: Record<string, RecorderEvent> = {
  a: { type: 'start' },
  p: { type: 'pause' },
  r: { type: 'resume' },
  d: { type: 'data', data: new Blob([new Uint8Array(1_000)]) },
  s: { type: 'stop' },
};

describe('recordingProgress', () => {
  it('counts recorded time, leaves pauses out, and freezes at stop', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const events = cold('a 99ms p 199ms r 49ms s', EVENTS);
      const progress = events.pipe(recordingProgress({ tickMs: 40, scheduler: test }));
      // Recording 0-100 (ticks at 40, 80), paused 100-300, recording 300-350 (tick at 340).
      expectObservable(progress).toBe('a 39ms b 39ms c 19ms p 199ms r 39ms e 9ms s', {
        a: { state: 'recording', elapsedMs: 0, bytes: 0 },
        b: { state: 'recording', elapsedMs: 40, bytes: 0 },
        c: { state: 'recording', elapsedMs: 80, bytes: 0 },
        p: { state: 'paused', elapsedMs: 100, bytes: 0 },
        r: { state: 'recording', elapsedMs: 100, bytes: 0 },
        e: { state: 'recording', elapsedMs: 140, bytes: 0 },
        s: { state: 'stopped', elapsedMs: 150, bytes: 0 },
      });
    });
  });

  it('adds up the bytes of every chunk, the last one after stop included', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const events = cold('a 9ms d 9ms s 9ms d', EVENTS);
      expectObservable(events.pipe(recordingProgress({ tickMs: 1_000, scheduler: test }))).toBe('a 9ms b 9ms s 9ms c', {
        a: { state: 'recording', elapsedMs: 0, bytes: 0 },
        b: { state: 'recording', elapsedMs: 10, bytes: 1_000 },
        s: { state: 'stopped', elapsedMs: 20, bytes: 1_000 },
        c: { state: 'stopped', elapsedMs: 20, bytes: 2_000 },
      });
    });
  });

  it('ignores controls out of turn: a second start, a resume while recording, a pause while paused', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const events = cold('a 9ms a 9ms r 9ms p 9ms p 9ms s', EVENTS);
      expectObservable(events.pipe(recordingProgress({ tickMs: 1_000, scheduler: test }))).toBe('a 9ms b 9ms c 9ms p 9ms q 9ms s', {
        a: { state: 'recording', elapsedMs: 0, bytes: 0 },
        b: { state: 'recording', elapsedMs: 10, bytes: 0 },
        c: { state: 'recording', elapsedMs: 20, bytes: 0 },
        p: { state: 'paused', elapsedMs: 30, bytes: 0 },
        q: { state: 'paused', elapsedMs: 30, bytes: 0 },
        s: { state: 'stopped', elapsedMs: 30, bytes: 0 },
      });
    });
  });

  it('stops ticking when the events complete', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const events = cold('a 9ms s|', EVENTS);
      expectObservable(events.pipe(recordingProgress({ tickMs: 5, scheduler: test }))).toBe('a 4ms b 4ms s|', {
        a: { state: 'recording', elapsedMs: 0, bytes: 0 },
        b: { state: 'recording', elapsedMs: 5, bytes: 0 },
        s: { state: 'stopped', elapsedMs: 10, bytes: 0 },
      });
    });
  });
});
