import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIO_HEADER_KBPS, AUDIO_KBPS, MIN_VIDEO_KBPS, splitUplink, VIDEO_SENT_PER_RATE } from './splitUplink.ts';

describe('splitUplink', () => {
  it('keeps all calls together, headers included, within the budget whenever the budget covers the floors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 100, max: 50_000 }), (calls, uplinkKbps) => {
        fc.pre(uplinkKbps >= calls * (AUDIO_KBPS + AUDIO_HEADER_KBPS + MIN_VIDEO_KBPS * VIDEO_SENT_PER_RATE));
        const { audio, video } = splitUplink(uplinkKbps, calls);
        const sentBps = audio.maxBitrate + AUDIO_HEADER_KBPS * 1_000 + video.maxBitrate * VIDEO_SENT_PER_RATE;
        expect(calls * sentBps).toBeLessThanOrEqual(uplinkKbps * 1_000 + calls);
        // …and spends it: no more than a rounding's worth is left over.
        expect(calls * sentBps).toBeGreaterThanOrEqual(uplinkKbps * 1_000 - 2 * calls);
      }),
    );
  });

  it('gives each call less, and a smaller picture, as calls are added', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 100, max: 50_000 }), (calls, uplinkKbps) => {
        const fewer = splitUplink(uplinkKbps, calls).video;
        const more = splitUplink(uplinkKbps, calls + 1).video;
        expect(more.maxBitrate).toBeLessThanOrEqual(fewer.maxBitrate);
        expect(more.scaleResolutionDownBy).toBeGreaterThanOrEqual(fewer.scaleResolutionDownBy);
      }),
    );
  });

  it('puts audio first: its full rate and a high priority, video low, and never below the video floor', () => {
    expect(splitUplink(2_000, 1)).toEqual({
      audio: { maxBitrate: 40_000, priority: 'high', networkPriority: 'high' },
      video: { maxBitrate: 1_873_077, scaleResolutionDownBy: 1, priority: 'low', networkPriority: 'low' },
    });
    expect(splitUplink(2_000, 4).video).toMatchObject({ maxBitrate: 430_769, scaleResolutionDownBy: 3 });
    expect(splitUplink(2_000, 7).video).toMatchObject({ maxBitrate: 224_725, scaleResolutionDownBy: 3 });
    expect(splitUplink(300, 7).video).toMatchObject({ maxBitrate: MIN_VIDEO_KBPS * 1_000, scaleResolutionDownBy: 4 });
  });

  it('refuses a budget or a call count that is not one', () => {
    for (const [kbps, calls] of [[0, 1], [-5, 1], [Number.NaN, 1], [1_000, 0], [1_000, 1.5]] as const) {
      expect(() => splitUplink(kbps, calls)).toThrow(RangeError);
    }
  });
});
