import { NEVER, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionStats, sampleStats, type ConnectionStats, type StatsSource } from './connectionStats.ts';
import type { StatsReportLike } from './summarizeStats.ts';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** The smallest report Chromium could send: a transport and its selected pair, at `at` ms. */
function reportAt(at: number, bytesSent: number): ReadonlyMap<string, Record<string, unknown>> {
  return new Map<string, Record<string, unknown>>([
    ['T01', { id: 'T01', type: 'transport', timestamp: at, bytesSent, bytesReceived: 0, selectedCandidatePairId: 'CP1' }],
    [
      'CP1',
      { id: 'CP1', type: 'candidate-pair', timestamp: at, localCandidateId: 'L', remoteCandidateId: 'R', currentRoundTripTime: 0.002 },
    ],
    ['L', { id: 'L', type: 'local-candidate', timestamp: at, candidateType: 'host' }],
    ['R', { id: 'R', type: 'remote-candidate', timestamp: at, candidateType: 'host' }],
  ]);
}

function stats(at: number, bytesSent: number, bitrateOutBps: number | null): ConnectionStats {
  return {
    at,
    roundTripMs: 2,
    bitrateInBps: bitrateOutBps === null ? null : 0,
    bitrateOutBps,
    bytesReceived: 0,
    bytesSent,
    packetsLost: 0,
    packetsReceived: 0,
    localCandidateType: 'host',
    remoteCandidateType: 'host',
  };
}

describe('sampleStats', () => {
  it('samples at once and every interval, each against the one before', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      // 1000 bytes more per 10 ms report: 800 kbit/s.
      const source: StatsSource = {
        getReport: () => cold('-(r|)', { r: reportAt(test.now(), test.now() * 100) }),
        isClosed: () => false,
        closed$: NEVER,
      };
      expectObservable(sampleStats(source, 10, test), '^ 25ms !').toBe('-a 9ms b 9ms c', {
        a: stats(0, 0, null),
        b: stats(10, 1000, 800_000),
        c: stats(20, 2000, 800_000),
      });
    });
  });

  it('never asks for a report while one is pending: slow reports skip ticks', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const report$ = cold('15ms (r|)', { r: reportAt(0, 0) });
      const source: StatsSource = { getReport: () => report$, isClosed: () => false, closed$: NEVER };
      // Ticks at 0, 10, 20, 30, 40: the ones at 10 and 30 find a report pending.
      expectObservable(sampleStats(source, 10, test), '^ 45ms !').toBe('15ms a 19ms b', {
        a: stats(0, 0, null),
        b: stats(0, 0, null),
      });
      expectSubscriptions(report$.subscriptions).toBe(['^ 14ms !', '20ms ^ 14ms !', '40ms ^ 5ms !']);
    });
  });

  it('completes at the first tick that finds the source closed without an event', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const source: StatsSource = {
        getReport: () => cold('-(r|)', { r: reportAt(test.now(), 0) }),
        isClosed: () => test.now() >= 25,
        closed$: NEVER,
      };
      expectObservable(sampleStats(source, 10, test)).toBe('-a 9ms b 9ms c 8ms |', {
        a: stats(0, 0, null),
        b: stats(10, 0, 0),
        c: stats(20, 0, 0),
      });
    });
  });

  it('ends at the next tick that finds the source closed, dropping a report that never comes (Firefox)', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const report$ = cold('5ms (r|)', { r: reportAt(0, 0) });
      const stuck$ = cold<StatsReportLike>('-');
      let calls = 0;
      const source: StatsSource = {
        getReport: () => {
          calls += 1;
          return calls === 1 ? report$ : stuck$;
        },
        isClosed: () => test.now() >= 15,
        closed$: NEVER,
      };
      // The report asked for at 10 never settles; the tick at 20 finds the source closed.
      expectObservable(sampleStats(source, 10, test)).toBe('5ms a 14ms |', { a: stats(0, 0, null) });
      expectSubscriptions(stuck$.subscriptions).toBe(['10ms ^ 9ms !']);
    });
  });

  it('ends at once on a close event, dropping the pending report', () => {
    const test = scheduler();
    test.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const report$ = cold('5ms (r|)', { r: reportAt(0, 0) });
      const closed$ = hot('13ms x');
      const source: StatsSource = { getReport: () => report$, isClosed: () => false, closed$ };
      expectObservable(sampleStats(source, 10, test)).toBe('5ms a 7ms |', { a: stats(0, 0, null) });
      expectSubscriptions(report$.subscriptions).toBe(['^ 4ms !', '10ms ^ 2ms !']);
    });
  });

  it('does not emit a report that lands after the close', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const source: StatsSource = {
        getReport: () => cold('8ms (r|)', { r: reportAt(0, 0) }),
        isClosed: () => test.now() >= 5,
        closed$: NEVER,
      };
      expectObservable(sampleStats(source, 10, test)).toBe('8ms |');
    });
  });

  it('completes when getting a report fails because the source closed', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const source: StatsSource = {
        getReport: () => cold('3ms #', undefined, new DOMException('closed', 'InvalidStateError')),
        isClosed: () => test.now() >= 2,
        closed$: NEVER,
      };
      expectObservable(sampleStats(source, 10, test)).toBe('3ms |');
    });
  });

  it('lets an error through while the source is open', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const failure = new Error('stats broke');
      const source: StatsSource = {
        getReport: () => cold('3ms #', undefined, failure),
        isClosed: () => false,
        closed$: NEVER,
      };
      expectObservable(sampleStats(source, 10, test)).toBe('3ms #', undefined, failure);
    });
  });

  it('refuses an interval that would spin', () => {
    const source: StatsSource = { getReport: () => NEVER, isClosed: () => false, closed$: NEVER };
    expect(() => sampleStats(source, 0)).toThrow(RangeError);
    expect(() => sampleStats(source, Number.NaN)).toThrow(RangeError);
  });
});

/** Just enough of an RTCPeerConnection: state, events, and getStats() that resolves like Chromium's. */
class FakePeerConnection extends CountingEventTarget {
  connectionState: RTCPeerConnectionState = 'connected';
  signalingState: RTCSignalingState = 'stable';
  calls = 0;
  getStats: () => Promise<ReadonlyMap<string, Record<string, unknown>>> = () => {
    this.calls += 1;
    return Promise.resolve(reportAt(this.calls * 1000, this.calls * 1000));
  };
  /** Chromium's close(): both states flip, no event fires. */
  close(): void {
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }
  asPeerConnection(): RTCPeerConnection {
    return this as unknown as RTCPeerConnection;
  }
}

function record<T>(source$: Observable<T>) {
  const seen = { values: [] as T[], completed: false, error: undefined as unknown };
  const subscription = source$.subscribe({
    next: (value) => seen.values.push(value),
    complete: () => (seen.completed = true),
    error: (error: unknown) => (seen.error = error),
  });
  return { seen, subscription };
}

describe('connectionStats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('samples getStats() at once and every interval, with bitrates from the second sample', async () => {
    const pc = new FakePeerConnection();
    const { seen, subscription } = record(connectionStats(pc.asPeerConnection(), { intervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.values).toEqual([stats(1000, 1000, null)]);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen.values).toEqual([stats(1000, 1000, null), stats(2000, 2000, 8000)]);
    subscription.unsubscribe();
    expect(pc.listeners).toBe(0);
  });

  it('samples once a second by default', async () => {
    const pc = new FakePeerConnection();
    const { subscription } = record(connectionStats(pc.asPeerConnection()));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(pc.calls).toBe(3);
    subscription.unsubscribe();
  });

  it('completes at the next tick after a close() that fired no event, without calling getStats()', async () => {
    const pc = new FakePeerConnection();
    const { seen } = record(connectionStats(pc.asPeerConnection(), { intervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    pc.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(seen.completed).toBe(true);
    expect(seen.values).toHaveLength(1);
    expect(pc.calls).toBe(1);
    expect(pc.listeners).toBe(0);
  });

  it('completes at once on connectionstatechange to closed', async () => {
    const pc = new FakePeerConnection();
    const { seen } = record(connectionStats(pc.asPeerConnection(), { intervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    pc.connectionState = 'disconnected';
    pc.dispatchEvent(new Event('connectionstatechange'));
    expect(seen.completed).toBe(false);
    pc.connectionState = 'closed';
    pc.dispatchEvent(new Event('connectionstatechange'));
    expect(seen.completed).toBe(true);
    expect(pc.listeners).toBe(0);
  });

  it('completes, not errors, when getStats() rejects because the connection closed meanwhile', async () => {
    const pc = new FakePeerConnection();
    pc.getStats = () => {
      pc.close();
      return Promise.reject(new DOMException('The peer connection is closed.', 'InvalidStateError'));
    };
    const { seen } = record(connectionStats(pc.asPeerConnection(), { intervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual({ values: [], completed: true, error: undefined });
  });

  it('errors when getStats() rejects on an open connection', async () => {
    const pc = new FakePeerConnection();
    const failure = new Error('stats broke');
    pc.getStats = () => Promise.reject(failure);
    const { seen } = record(connectionStats(pc.asPeerConnection(), { intervalMs: 100 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.error).toBe(failure);
    expect(pc.listeners).toBe(0);
  });

  it('completes at once on an already closed connection', async () => {
    const pc = new FakePeerConnection();
    pc.close();
    const { seen } = record(connectionStats(pc.asPeerConnection()));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.completed).toBe(true);
    expect(pc.calls).toBe(0);
  });
});
