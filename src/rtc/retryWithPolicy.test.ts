import { defer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import type { ReconnectPolicy } from './reconnectPolicy.ts';
import { retryWithPolicy } from './retryWithPolicy.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
/** Waits 1, 2, 4 frames, then gives up. */
const policy: ReconnectPolicy = { delayMs: (attempt) => (attempt <= 3 ? 2 ** (attempt - 1) : null) };

describe('retryWithPolicy', () => {
  it('waits as the policy says between attempts, then lets the last error through', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, new Error('lost'));
      // fail at 1, wait 1, fail at 3, wait 2, fail at 6, wait 4, fail at 11: give up.
      expectObservable(source.pipe(retryWithPolicy(policy))).toBe('11ms #', undefined, new Error('lost'));
      expectSubscriptions(source.subscriptions).toBe(['^!', '--^!', '-----^!', '----------^!']);
    });
  });

  it('starts over after a success', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // Each subscription: an error, then (from the retry after it) a value and an error again.
      let subscriptions = 0;
      const flaky = defer(() => {
        subscriptions += 1;
        return subscriptions % 2 === 1 ? cold('-#') : cold('-a-#');
      });
      // fail at 1; wait 1; a at 3, fail at 5; the success reset the count: wait 1 (not 2);
      // fail at 7; wait 2; a at 10, fail at 12; …
      expectObservable(flaky.pipe(retryWithPolicy(policy)), '^ 13ms !').toBe('3ms a 6ms a');
    });
  });

  it('does not retry what is not retryable', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fatal = new Error('id-taken');
      const source = cold('-#', undefined, fatal);
      expectObservable(source.pipe(retryWithPolicy(policy, { isRetryable: (error) => error !== fatal }))).toBe('-#', undefined, fatal);
    });
  });

  it('tells onRetry the attempt and the delay', () => {
    const seen: Array<[number, number]> = [];
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('#', undefined, new Error('x'));
      expectObservable(source.pipe(retryWithPolicy(policy, { onRetry: (attempt, delayMs) => seen.push([attempt, delayMs]) }))).toBe(
        '-------#',
        undefined,
        new Error('x'),
      );
    });
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });
});
