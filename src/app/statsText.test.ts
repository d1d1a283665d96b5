import { describe, expect, it } from 'vitest';
import type { ConnectionStats } from '../rtc/connectionStats.ts';
import { statsSample } from '../testing/statsSample.ts';
import { statsText } from './statsText.ts';

const sample = (overrides: Partial<ConnectionStats>): ConnectionStats =>
  statsSample({ roundTripMs: 3.4, bitrateInBps: 812_300, bitrateOutBps: 790_000, ...overrides });

describe('statsText', () => {
  it('reads round trip, bitrates and route', () => {
    expect(statsText(sample({}))).toBe('round trip 3 ms · in 812 kbit/s · out 790 kbit/s · host (direct)');
  });

  it('says a TURN relay carries the traffic when either end is relayed', () => {
    expect(statsText(sample({ remoteCandidateType: 'relay' }))).toMatch(/relayed by TURN/);
  });

  it('shows dashes for what is not measured yet', () => {
    expect(statsText(sample({ roundTripMs: null, bitrateInBps: null, bitrateOutBps: null, localCandidateType: null }))).toBe(
      'round trip – · in – · out – · route –',
    );
  });
});
