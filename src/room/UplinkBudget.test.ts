import { describe, expect, it, vi } from 'vitest';
import { shareUplink, splitUplink } from './splitUplink.ts';
import { UplinkBudget, VIEW_SETTLE_MS } from './UplinkBudget.ts';

const CAMERA = { width: 640, height: 480 } as const;

/** A sender as the browser has it: encodings once negotiated, and what was last set. */
class FakeSender {
  readonly track: { readonly kind: string; getSettings(): MediaTrackSettings };
  negotiated = true;
  set: RTCRtpEncodingParameters | undefined;
  settings = 0;
  constructor(kind: string) {
    this.track = { kind, getSettings: () => (kind === 'video' ? CAMERA : {}) };
  }
  getParameters() {
    const encodings = this.negotiated ? [{ active: true, ...this.set }] : [];
    return { encodings } as unknown as RTCRtpSendParameters;
  }
  async setParameters(parameters: RTCRtpSendParameters) {
    this.set = { ...parameters.encodings[0] };
    this.settings += 1;
  }
}

class FakeConnection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'connected';
  readonly audio = new FakeSender('audio');
  readonly video = new FakeSender('video');
  getSenders() {
    return [this.audio, this.video];
  }
  getTransceivers() {
    return [];
  }
  connects() {
    this.connectionState = 'connected';
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

let calls = 0;
const call = () => {
  const peerConnection = new FakeConnection();
  calls += 1;
  return { peerConnection: peerConnection as unknown as RTCPeerConnection, remoteId: `member-${calls}`, fake: peerConnection };
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('UplinkBudget', () => {
  it('splits the budget among the calls there are, again as calls come and go', async () => {
    const budget = new UplinkBudget(2_000);
    const [a, b, c] = [call(), call(), call()];
    budget.add(a);
    await settle();
    expect(a.fake.video.set).toMatchObject(splitUplink(2_000, 1).video);
    const releaseB = budget.add(b);
    budget.add(c);
    await settle();
    for (const each of [a, b, c]) {
      expect(each.fake.video.set).toMatchObject(splitUplink(2_000, 3).video);
      expect(each.fake.audio.set).toMatchObject(splitUplink(2_000, 3).audio);
    }
    releaseB();
    await settle();
    expect(a.fake.video.set).toMatchObject(splitUplink(2_000, 2).video);
    expect(budget.size).toBe(2);
  });

  it('does not set a sender again when its share has not changed: each setting may reconfigure the encoder', async () => {
    const budget = new UplinkBudget(2_000);
    const [a, b] = [call(), call()];
    budget.add(a);
    budget.add(b);
    await settle();
    const settings = a.fake.video.settings;
    a.fake.connects();
    b.fake.connects();
    await settle();
    expect(a.fake.video.settings).toBe(settings);
    expect(a.fake.video.set).toMatchObject(splitUplink(2_000, 2).video);
  });

  it('sends a member the size it shows this video at, gives what that call does not need to the others, and takes views at most once a second', async () => {
    vi.useFakeTimers();
    try {
      const budget = new UplinkBudget(2_000);
      const [shownSmall, other] = [call(), call()];
      // A view told before the call comes is kept for it.
      budget.showAt(shownSmall.remoteId, { width: 160, height: 120 });
      budget.add(shownSmall);
      budget.add(other);
      await vi.advanceTimersByTimeAsync(0);
      const [small, rest] = shareUplink(2_000, [
        { view: { width: 160, height: 120 }, source: CAMERA },
        { view: null, source: CAMERA },
      ]);
      expect(shownSmall.fake.video.set).toMatchObject({ ...small?.video, scaleResolutionDownBy: 4 });
      expect(other.fake.video.set).toMatchObject({ ...rest?.video });

      // A receiver that keeps resizing: its views are taken once per VIEW_SETTLE_MS, the last one winning.
      const settingsBefore = shownSmall.fake.video.settings;
      for (let width = 200; width < 320; width += 20) budget.showAt(shownSmall.remoteId, { width, height: width });
      await vi.advanceTimersByTimeAsync(VIEW_SETTLE_MS - 1);
      expect(shownSmall.fake.video.settings).toBe(settingsBefore);
      await vi.advanceTimersByTimeAsync(1);
      expect(shownSmall.fake.video.settings).toBe(settingsBefore + 1);
      expect(shownSmall.fake.video.set?.scaleResolutionDownBy).toBe(480 / 300);

      // The member left: its call (if it came back) would be sent at full size.
      budget.showAt(shownSmall.remoteId, null);
      await vi.advanceTimersByTimeAsync(VIEW_SETTLE_MS);
      expect(shownSmall.fake.video.set).toMatchObject(splitUplink(2_000, 2).video);
      budget.showAt(shownSmall.remoteId, { width: 10, height: 10 });
      budget.dispose();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sets a call not yet negotiated once it connects', async () => {
    const budget = new UplinkBudget(1_000);
    const late = call();
    late.fake.connectionState = 'connecting';
    late.fake.video.negotiated = false;
    budget.add(late);
    await settle();
    expect(late.fake.video.set).toBeUndefined();
    late.fake.video.negotiated = true;
    late.fake.connects();
    await settle();
    expect(late.fake.video.set).toMatchObject(splitUplink(1_000, 1).video);
  });

  it('leaves calls alone when unlimited, and refuses a budget that is not one', async () => {
    const free = call();
    new UplinkBudget(Number.POSITIVE_INFINITY).add(free);
    await settle();
    expect(free.fake.video.set).toBeUndefined();
    expect(() => new UplinkBudget(0)).toThrow(RangeError);
    expect(() => new UplinkBudget(Number.NaN)).toThrow(RangeError);
  });

  describe('on a link narrower than the budget (the browser says what it estimates)', () => {
    /** A budget of 2000 kbit/s over `calls` calls whose connections each estimate `perCallBps()`. */
    function narrowed(calls: number, perCallBps: () => number | undefined) {
      vi.useFakeTimers();
      const budget = new UplinkBudget(2_000, { sampleMs: 2_000, estimateBps: async () => perCallBps() });
      const all = Array.from({ length: calls }, call);
      const releases = all.map((each) => budget.add(each));
      return { budget, all, releases };
    }

    it('fits the link once its estimate has settled, and every call follows', async () => {
      try {
        const { budget, all } = narrowed(5, () => 200_000);
        const told: number[] = [];
        let completed = false;
        budget.effectiveKbps$.subscribe({ next: (kbps) => told.push(kbps), complete: () => (completed = true) });
        await vi.advanceTimersByTimeAsync(2_000);
        // One sample cannot tell a narrow link from a connection still ramping up.
        expect(budget.effectiveKbps).toBe(2_000);
        await vi.advanceTimersByTimeAsync(2_000);
        expect(budget.effectiveKbps).toBe(900);
        for (const each of all) expect(each.fake.video.set).toMatchObject(splitUplink(900, 5).video);
        expect(told).toEqual([2_000, 900]);
        budget.dispose();
        expect(completed).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    });

    it('does not cut the budget while the estimate grows, and grows back when the link widens', async () => {
      try {
        let perCall = 100_000;
        const { budget } = narrowed(2, () => perCall);
        for (let sample = 0; sample < 6; sample += 1) {
          perCall *= 1.2;
          await vi.advanceTimersByTimeAsync(2_000);
          expect(budget.effectiveKbps).toBe(2_000);
        }
        perCall = 400_000;
        await vi.advanceTimersByTimeAsync(4_000);
        expect(budget.effectiveKbps).toBe(720);
        perCall = 2_000_000;
        await vi.advanceTimersByTimeAsync(20_000);
        expect(budget.effectiveKbps).toBe(2_000);
      } finally {
        vi.useRealTimers();
      }
    });

    it('keeps the budget where the browser gives no estimate (Firefox), and stops looking once no call is left', async () => {
      try {
        const { budget, releases } = narrowed(3, () => undefined);
        await vi.advanceTimersByTimeAsync(10_000);
        expect(budget.effectiveKbps).toBe(2_000);
        expect(vi.getTimerCount()).toBe(1);
        for (const release of releases) release();
        expect(vi.getTimerCount()).toBe(0);
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
