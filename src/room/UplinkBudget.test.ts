import { describe, expect, it } from 'vitest';
import { splitUplink } from './splitUplink.ts';
import { UplinkBudget } from './UplinkBudget.ts';

/** A sender as the browser has it: encodings once negotiated, and what was last set. */
class FakeSender {
  readonly track: { readonly kind: string };
  negotiated = true;
  set: RTCRtpEncodingParameters | undefined;
  constructor(kind: string) {
    this.track = { kind };
  }
  getParameters() {
    return { encodings: this.negotiated ? [{ active: true }] : [] } as unknown as RTCRtpSendParameters;
  }
  async setParameters(parameters: RTCRtpSendParameters) {
    this.set = parameters.encodings[0];
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

const call = () => {
  const peerConnection = new FakeConnection();
  return { peerConnection: peerConnection as unknown as RTCPeerConnection, fake: peerConnection };
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
});
