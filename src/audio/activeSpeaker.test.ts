import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { activeSpeaker, DEFAULT_ACTIVE_SPEAKER } from './activeSpeaker.ts';
import type { MemberAudio } from './MemberAudio.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

type Levels = ReadonlyMap<string, MemberAudio>;

/** `room({ ada: -30, bob: null })`: a level means speaking at it, `null` silent, absent gone. */
const room = (members: Record<string, number | null>): Levels =>
  new Map(Object.entries(members).map(([id, levelDb]) => [id, { levelDb: levelDb ?? -70, speaking: levelDb !== null }]));

const IDS = { a: 'ada', b: 'bob', c: 'cy', n: null };
/** Delays short enough to write one map per 1 ms frame. */
const FAST = { marginDb: 6, switchAfterMs: 3 };

describe('activeSpeaker', () => {
  it('is null while nobody speaks, then the loudest speaking member', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const levels = cold<Levels>('qqx', {
        q: room({ ada: null, bob: null }),
        // cy is louder still but not speaking.
        x: new Map([...room({ ada: -30, bob: -20 }), ['cy', { levelDb: -10, speaking: false }]]),
      });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('n-b', IDS);
    });
  });

  it('keeps the speaker while another is louder by less than marginDb, however long', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const levels = cold<Levels>('ax 20ms x', { a: room({ ada: -30 }), x: room({ ada: -30, bob: -25 }) });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('a', IDS);
    });
  });

  it('does not flip between two members whose levels keep crossing', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Each is 10 dB louder every other frame: no challenge lasts switchAfterMs.
      const levels = cold<Levels>('aABABABABAB', {
        a: room({ ada: -30 }),
        A: room({ ada: -20, bob: -30 }),
        B: room({ ada: -30, bob: -20 }),
      });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('a', IDS);
    });
  });

  it('passes the floor to a member who stays marginDb louder for switchAfterMs', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // bob is 6 dB louder from frame 1: for 3 ms at frame 4.
      const levels = cold<Levels>('aBBBBB', { a: room({ ada: -30 }), B: room({ ada: -30, bob: -24 }) });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('a---b-', IDS);
    });
  });

  it('restarts the challenge when it breaks', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const levels = cold<Levels>('aBBEBBBB', { a: room({ ada: -30 }), B: room({ ada: -30, bob: -20 }), E: room({ ada: -30, bob: -30 }) });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('a------b', IDS);
    });
  });

  it('gives the floor to the loudest when several keep out-shouting the speaker in turn', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const levels = cold<Levels>('aBCBC', {
        a: room({ ada: -40 }),
        B: room({ ada: -40, bob: -20, cy: -25 }),
        C: room({ ada: -40, bob: -25, cy: -20 }),
      });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('a---c', IDS);
    });
  });

  it('hands over at once when the speaker stops speaking or leaves', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const levels = cold<Levels>('abcd', {
        a: room({ ada: -20, bob: -40 }),
        b: room({ ada: null, bob: -40 }), // ada stopped: bob, though quieter than ada was
        c: room({ ada: -10, cy: -40 }), // bob left: the loudest of the rest
        d: room({ ada: null, cy: null }),
      });
      expectObservable(levels.pipe(activeSpeaker(FAST))).toBe('aban', IDS);
    });
  });

  it('uses DEFAULT_ACTIVE_SPEAKER by default: 6 dB for 500 ms', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const close = room({ ada: -30, bob: -25 });
      const clear = room({ ada: -30, bob: -24 });
      // Levels at 30 Hz would do; every 100 ms keeps the marbles short.
      const levels = cold<Levels>('a 99ms x 99ms x 99ms B 99ms B 99ms B 99ms B 99ms B 99ms B', {
        a: room({ ada: -30 }),
        x: close,
        B: clear,
      });
      expectObservable(levels.pipe(activeSpeaker())).toBe('a 799ms b', IDS);
    });
    expect(DEFAULT_ACTIVE_SPEAKER).toEqual({ marginDb: 6, switchAfterMs: 500 });
  });

  it('keeps nothing of a map that is reused and mutated between emissions', () => {
    const levels = new Map<string, { levelDb: number; speaking: boolean }>([['ada', { levelDb: -30, speaking: true }]]);
    const maps = new Subject<Levels>();
    const ids: (string | null)[] = [];
    const subscription = maps.pipe(activeSpeaker({ switchAfterMs: 0 })).subscribe((id) => ids.push(id));
    maps.next(levels);
    levels.set('bob', { levelDb: -10, speaking: true });
    maps.next(levels);
    levels.get('bob')!.speaking = false;
    maps.next(levels);
    levels.delete('ada');
    maps.next(levels);
    subscription.unsubscribe();
    expect(ids).toEqual(['ada', 'bob', 'ada', null]);
  });

  it('throws a RangeError at once for a negative or missing margin or delay', () => {
    for (const bad of [{ marginDb: -1 }, { marginDb: Number.NaN }, { switchAfterMs: -1 }, { switchAfterMs: Number.POSITIVE_INFINITY }]) {
      expect(() => activeSpeaker(bad), JSON.stringify(bad)).toThrowError(RangeError);
    }
  });
});
