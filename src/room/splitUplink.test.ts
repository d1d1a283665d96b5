import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIO_HEADER_KBPS,
  AUDIO_KBPS,
  MIN_VIDEO_KBPS,
  shareUplink,
  splitUplink,
  VIDEO_SENT_PER_RATE,
  type CallView,
} from './splitUplink.ts';

const size = fc.record({ width: fc.integer({ min: 1, max: 4_000 }), height: fc.integer({ min: 1, max: 3_000 }) });
const callView: fc.Arbitrary<CallView> = fc.record({ view: fc.option(size, { nil: null }), source: fc.option(size, { nil: undefined }) });
/** What a call sends on the wire for these encodings, headers included, bit/s. */
const sentBps = ({ audio, video }: ReturnType<typeof splitUplink>) =>
  audio.maxBitrate + AUDIO_HEADER_KBPS * 1_000 + video.maxBitrate * VIDEO_SENT_PER_RATE;

describe('splitUplink', () => {
  it('keeps all calls together, headers included, within the budget whenever the budget covers the floors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 100, max: 50_000 }), (calls, uplinkKbps) => {
        fc.pre(uplinkKbps >= calls * (AUDIO_KBPS + AUDIO_HEADER_KBPS + MIN_VIDEO_KBPS * VIDEO_SENT_PER_RATE));
        const sent = calls * sentBps(splitUplink(uplinkKbps, calls));
        expect(sent).toBeLessThanOrEqual(uplinkKbps * 1_000 + calls);
        // …and spends it: no more than a rounding's worth is left over.
        expect(sent).toBeGreaterThanOrEqual(uplinkKbps * 1_000 - 2 * calls);
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
    for (const [kbps, calls] of [
      [0, 1],
      [-5, 1],
      [Number.NaN, 1],
      [1_000, 0],
      [1_000, 1.5],
    ] as const) {
      expect(() => splitUplink(kbps, calls)).toThrow(RangeError);
    }
    expect(() => shareUplink(1_000, [])).toThrow(RangeError);
    for (const view of [
      { width: 0, height: 10 },
      { width: 10, height: Number.NaN },
      { width: Number.POSITIVE_INFINITY, height: 1 },
    ]) {
      expect(() => shareUplink(1_000, [{ view }])).toThrow(RangeError);
    }
  });
});

describe('shareUplink', () => {
  it('is splitUplink when no receiver tells its view', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 100, max: 50_000 }), (calls, uplinkKbps) => {
        const shared = shareUplink(
          uplinkKbps,
          Array.from({ length: calls }, () => ({ view: null })),
        );
        for (const each of shared) expect(each).toEqual(splitUplink(uplinkKbps, calls));
      }),
    );
  });

  it('keeps all calls within the budget, and gives calls without a view at least an even split', () => {
    fc.assert(
      fc.property(fc.array(callView, { minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 20_000 }), (calls, uplinkKbps) => {
        fc.pre(uplinkKbps >= calls.length * (AUDIO_KBPS + AUDIO_HEADER_KBPS + MIN_VIDEO_KBPS * VIDEO_SENT_PER_RATE));
        const shared = shareUplink(uplinkKbps, calls);
        expect(shared.reduce((sum, each) => sum + sentBps(each), 0)).toBeLessThanOrEqual(uplinkKbps * 1_000 + calls.length);
        const even = splitUplink(uplinkKbps, calls.length).video.maxBitrate;
        for (const [index, each] of shared.entries()) {
          if (calls[index]?.view === null) expect(each.video.maxBitrate).toBeGreaterThanOrEqual(even - 1);
        }
      }),
    );
  });

  it('sends a viewed call no larger than its view needs, yet filling the view, and never upscaled', () => {
    fc.assert(
      fc.property(fc.array(callView, { minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 20_000 }), (calls, uplinkKbps) => {
        shareUplink(uplinkKbps, calls).forEach(({ video }, index) => {
          const { view, source } = calls[index] as CallView;
          expect(video.scaleResolutionDownBy).toBeGreaterThanOrEqual(1);
          if (!view) return;
          const needBps = Math.max(MIN_VIDEO_KBPS * 1_000, view.width * view.height * (1_200_000 / (1_280 * 720)));
          expect(video.maxBitrate).toBeLessThanOrEqual(Math.round(needBps) + 1);
          // A call needing no more than an even part of video's share is given all it needs…
          const evenBps = ((uplinkKbps / calls.length - AUDIO_KBPS - AUDIO_HEADER_KBPS) / VIDEO_SENT_PER_RATE) * 1_000;
          if (!source || needBps > evenBps) return;
          expect(Math.abs(video.maxBitrate - needBps)).toBeLessThanOrEqual(1);
          // …and the picture sent covers the view in both directions (or is the whole source).
          const sent = { width: source.width / video.scaleResolutionDownBy, height: source.height / video.scaleResolutionDownBy };
          expect(sent.width >= view.width - 1e-6 || video.scaleResolutionDownBy === 1).toBe(true);
          expect(sent.height >= view.height - 1e-6 || video.scaleResolutionDownBy === 1).toBe(true);
        });
      }),
    );
  });

  it('gives a call the size its receiver shows, and what that call does not need to the others', () => {
    const camera = { width: 640, height: 480 };
    const [small, large] = shareUplink(2_000, [
      { view: { width: 160, height: 120 }, source: camera },
      { view: null, source: camera },
    ]);
    expect(small?.video).toMatchObject({ maxBitrate: MIN_VIDEO_KBPS * 1_000, scaleResolutionDownBy: 4 });
    expect(large?.video.maxBitrate).toBeGreaterThan(splitUplink(2_000, 2).video.maxBitrate);
    expect(large?.video.scaleResolutionDownBy).toBe(1);
  });
});
