import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIT_SHARE, fitUplink } from './fitUplink.ts';
import { AUDIO_KBPS, MIN_VIDEO_KBPS } from './splitUplink.ts';

const fits = fc.record({
  configuredKbps: fc.integer({ min: 200, max: 20_000 }),
  effectiveKbps: fc.integer({ min: 100, max: 20_000 }),
  calls: fc.integer({ min: 1, max: 8 }),
});
const kbps = fc.integer({ min: 0, max: 50_000 });

describe('fitUplink', () => {
  it('stays between the calls’ least and the budget the member set', () => {
    fc.assert(
      fc.property(fits, kbps, fc.option(kbps, { nil: undefined }), (fit, estimate, previous) => {
        const next = fitUplink(fit, estimate, previous);
        expect(next).toBeLessThanOrEqual(fit.configuredKbps);
        expect(next).toBeGreaterThanOrEqual(Math.min(fit.configuredKbps, fit.calls * (AUDIO_KBPS + MIN_VIDEO_KBPS)));
      }),
    );
  });

  it('never cuts the budget while the estimate still grows (every connection ramps up from low)', () => {
    fc.assert(
      fc.property(fits, fc.integer({ min: 1, max: 20_000 }), (fit, previous) => {
        const effective = Math.min(fit.effectiveKbps, fit.configuredKbps);
        expect(fitUplink({ ...fit, effectiveKbps: effective }, Math.ceil(previous * 1.1), previous)).toBeGreaterThanOrEqual(
          Math.min(effective, fit.configuredKbps),
        );
      }),
    );
  });

  it('fits a settled, narrower link, and grows back a step at a time when the link widens', () => {
    const start = { configuredKbps: 2_000, effectiveKbps: 2_000, calls: 5 };
    const fitted = fitUplink(start, 1_000, 1_005);
    expect(fitted).toBe(FIT_SHARE * 1_000);
    // The link carries all of the fitted budget: it probes upward, but not all at once.
    const grown = fitUplink({ ...start, effectiveKbps: fitted }, 1_000, 1_000);
    expect(grown).toBeGreaterThan(fitted);
    expect(grown).toBeLessThan(1_100);
    // A link as wide as the budget: back to the member's budget in a few samples, never past it.
    let effective = fitted;
    for (let sample = 0; sample < 10; sample += 1) effective = fitUplink({ ...start, effectiveKbps: effective }, 2_500, 2_500);
    expect(effective).toBe(2_000);
  });

  it('under a constant estimate, settles within the estimate and its headroom', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 10_000 }), fc.integer({ min: 1, max: 4 }), (link, calls) => {
        const fit = { configuredKbps: 20_000, calls };
        let effective = 20_000;
        for (let sample = 0; sample < 60; sample += 1) effective = fitUplink({ ...fit, effectiveKbps: effective }, link, link);
        expect(effective).toBeGreaterThanOrEqual(Math.round(FIT_SHARE * link));
        expect(effective).toBeLessThanOrEqual(Math.round(link / (FIT_SHARE + 0.05)) * 1.15 + 1);
      }),
    );
  });
});
