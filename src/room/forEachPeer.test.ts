import { EMPTY, throwError, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { forEachPeer } from './forEachPeer.ts';
import type { MemberMedia } from './RemotePeer.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

type Roster = readonly MemberMedia[];

/** A member as the room hands it out: a fresh object per stay, even with the same ID. */
const member = (id: string): MemberMedia => ({ id, name: id, stream$: EMPTY });

/** `project` for forEachPeer: each member's own cold inner, by object identity. */
const innerOf =
  (inners: ReadonlyMap<MemberMedia, Observable<string>>) =>
  (peer: MemberMedia): Observable<string> => {
    const inner = inners.get(peer);
    if (!inner) throw new Error(`no inner for ${peer.id}`);
    return inner;
  };

describe('forEachPeer', () => {
  it('subscribes an inner when a member appears and unsubscribes it when the member leaves', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      const roster = cold<Roster>('a-b-c', { a: [ada], b: [ada, bob], c: [bob] });
      const adaInner = cold('x', { x: 'ada' });
      const bobInner = cold('y-y', { y: 'bob' });
      const inners = new Map([
        [ada, adaInner],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners))), '^------!').toBe('x-y-y', { x: 'ada', y: 'bob' });
      expectSubscriptions(adaInner.subscriptions).toBe('^---!');
      expectSubscriptions(bobInner.subscriptions).toBe('--^----!');
    });
  });

  it('keeps one subscription for a member present in many roster emissions, in any order', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      // Every emission is a new array; only the objects in it are the same.
      const roster = cold<Roster>('a-b-c-d', { a: [ada], b: [ada], c: [bob, ada], d: [ada, bob, ada] });
      const adaInner = cold('x', { x: 'ada' });
      const bobInner = cold('y', { y: 'bob' });
      const inners = new Map([
        [ada, adaInner],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('x---y', { x: 'ada', y: 'bob' });
      expectSubscriptions(adaInner.subscriptions).toBe('^');
      expectSubscriptions(bobInner.subscriptions).toBe('----^');
    });
  });

  it('gives a member who left and came back (a new object, the same ID) a new subscription', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const firstStay = member('ada');
      const secondStay = member('ada');
      const roster = cold<Roster>('a-b-c', { a: [firstStay], b: [], c: [secondStay] });
      const firstInner = cold('x', { x: 'first' });
      const secondInner = cold('x', { x: 'second' });
      const inners = new Map([
        [firstStay, firstInner],
        [secondStay, secondInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('a---b', { a: 'first', b: 'second' });
      expectSubscriptions(firstInner.subscriptions).toBe('^-!');
      expectSubscriptions(secondInner.subscriptions).toBe('----^');
    });
  });

  it('swaps the inner when a new object replaces the old one in a single emission', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const firstStay = member('ada');
      const secondStay = member('ada');
      const roster = cold<Roster>('a-b', { a: [firstStay], b: [secondStay] });
      const firstInner = cold('x', { x: 'first' });
      const secondInner = cold('x', { x: 'second' });
      const inners = new Map([
        [firstStay, firstInner],
        [secondStay, secondInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('a-b', { a: 'first', b: 'second' });
      expectSubscriptions(firstInner.subscriptions).toBe('^-!');
      expectSubscriptions(secondInner.subscriptions).toBe('--^');
    });
  });

  it('completes when the roster completes, unsubscribing every inner, even unfinished ones', () => {
    // Unlike mergeMap, which would wait for the inners: a roster that ended (the room was
    // left) has no members, so nothing per member may outlive it.
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      const roster = cold<Roster>('a-b-|', { a: [ada], b: [ada, bob] });
      const adaInner = cold('x---x', { x: 'ada' });
      const bobInner = cold('y', { y: 'bob' });
      const inners = new Map([
        [ada, adaInner],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('x-y-|', { x: 'ada', y: 'bob' });
      expectSubscriptions(adaInner.subscriptions).toBe('^---!');
      expectSubscriptions(bobInner.subscriptions).toBe('--^-!');
    });
  });

  it('goes on when an inner completes, and does not resubscribe it while the member stays', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const roster = cold<Roster>('a-b-c', { a: [ada], b: [ada], c: [ada] });
      const adaInner = cold('x|', { x: 'ada' });
      expectObservable(roster.pipe(forEachPeer(innerOf(new Map([[ada, adaInner]]))))).toBe('x', { x: 'ada' });
      expectSubscriptions(adaInner.subscriptions).toBe('^!');
    });
  });

  it('passes an inner error on and unsubscribes the roster and the other inners', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      const roster = cold<Roster>('a-b-----', { a: [ada], b: [ada, bob] });
      const adaInner = cold('---#', undefined, new Error('analyser failed'));
      const bobInner = cold('y', { y: 'bob' });
      const inners = new Map([
        [ada, adaInner],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('--y#', { y: 'bob' }, new Error('analyser failed'));
      expectSubscriptions(roster.subscriptions).toBe('^--!');
      expectSubscriptions(adaInner.subscriptions).toBe('^--!');
      expectSubscriptions(bobInner.subscriptions).toBe('--^!');
    });
  });

  it('passes a roster error on and unsubscribes every inner', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const roster = cold<Roster>('a--#', { a: [ada] }, new Error('room gone'));
      const adaInner = cold('x', { x: 'ada' });
      expectObservable(roster.pipe(forEachPeer(innerOf(new Map([[ada, adaInner]]))))).toBe('x--#', { x: 'ada' }, new Error('room gone'));
      expectSubscriptions(adaInner.subscriptions).toBe('^--!');
    });
  });

  it('unsubscribes the roster and every inner when its subscriber unsubscribes', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      const roster = cold<Roster>('a-b', { a: [ada], b: [bob, ada] });
      const adaInner = cold('x', { x: 'ada' });
      const bobInner = cold('y', { y: 'bob' });
      const inners = new Map([
        [ada, adaInner],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners))), '^---!').toBe('x-y', { x: 'ada', y: 'bob' });
      expectSubscriptions(roster.subscriptions).toBe('^---!');
      expectSubscriptions(adaInner.subscriptions).toBe('^---!');
      expectSubscriptions(bobInner.subscriptions).toBe('--^-!');
    });
  });

  it('keeps nothing of an inner that errors as it is subscribed', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const ada = member('ada');
      const bob = member('bob');
      const roster = cold<Roster>('a-b', { a: [ada], b: [ada, bob] });
      const adaInner = cold('x', { x: 'ada' });
      const inners = new Map<MemberMedia, Observable<string>>([
        [ada, adaInner],
        // Errors inside subscribe, before forEachPeer gets its Subscription back.
        [bob, throwError(() => new Error('no stream'))],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('x-#', { x: 'ada' }, new Error('no stream'));
      expectSubscriptions(roster.subscriptions).toBe('^-!');
      expectSubscriptions(adaInner.subscriptions).toBe('^-!');
    });
  });

  it('subscribes no inner after one errored in the same roster emission, or releases it', () => {
    const ada = member('ada');
    const bob = member('bob');
    // The log of bob's subscriptions, filled in as the scheduler runs.
    let bobSubscriptions: ReadonlyArray<{ readonly unsubscribedFrame: number }> = [];
    scheduler().run(({ cold, expectObservable }) => {
      const roster = cold<Roster>('a', { a: [ada, bob] });
      const bobInner = cold('-y', { y: 'bob' });
      bobSubscriptions = bobInner.subscriptions;
      const inners = new Map<MemberMedia, Observable<string>>([
        [ada, throwError(() => new Error('no stream'))],
        [bob, bobInner],
      ]);
      expectObservable(roster.pipe(forEachPeer(innerOf(inners)))).toBe('#', undefined, new Error('no stream'));
    });
    // Either never subscribed or unsubscribed; actual: subscribed at frame 0, never released.
    const open = bobSubscriptions.filter((log) => log.unsubscribedFrame === Number.POSITIVE_INFINITY);
    expect(open).toEqual([]);
  });
});
