/**
 * mixRoomAudio in real Chromium: a roster's tones in one stream, members following the
 * roster, a real remote member through a call, and nothing left behind.
 */
import { BehaviorSubject, of, Subscription } from 'rxjs';
import * as Tone from 'tone';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { receiveOverCall } from '../testing/receiveOverCall.ts';
import { audioTestKit } from '../testing/audioTestKit.ts';
import { nearestTones } from '../testing/spectrumProbe.ts';
import { AudioMixer } from './AudioMixer.ts';
import { mixRoomAudio } from './mixRoomAudio.ts';

let owner = new Subscription();
const kit = audioTestKit();
const { tone, elements, probe } = kit;
afterEach(async () => {
  owner.unsubscribe();
  owner = new Subscription();
  await kit.cleanup();
  vi.restoreAllMocks();
});

beforeAll(async () => {
  // Chromium runs with the autoplay flag: no gesture needed.
  await Tone.start();
});

const member = (id: string, stream: MediaStream | null = null) => ({ id, name: id, stream$: new BehaviorSubject(stream) });

/** Subscribes the mix of `roster$` into `owner` and hands out the mixer it made, to inspect. */
function mixOf(roster$: BehaviorSubject<readonly MemberMedia[]>, self?: MediaStream) {
  const add = vi.spyOn(AudioMixer.prototype, 'add');
  const emitted: MediaStream[] = [];
  const ended = { completed: false };
  const subscription = roster$
    .pipe(mixRoomAudio({ self }))
    .subscribe({ next: (stream) => emitted.push(stream), complete: () => (ended.completed = true) });
  owner.add(subscription);
  expect(emitted).toHaveLength(1);
  // The mixer under test is the `this` of its first add() (the roster replays at once).
  const mixer = (): AudioMixer => {
    const found = add.mock.contexts[0];
    if (!(found instanceof AudioMixer)) throw new Error('the mixer has added nothing yet');
    return found;
  };
  return { stream: emitted[0]!, emitted, ended, subscription, mixer };
}

describe('mixRoomAudio', () => {
  it('mixes members as they join, switch streams and leave, and disposes everything on unsubscribe', async () => {
    const record = elements();
    const roster$ = new BehaviorSubject<readonly MemberMedia[]>([]);
    const ada = member('ada');
    const bo = member('bo', tone(1000));
    const cy = member('cy', new MediaStream(tone(300).getVideoTracks()));
    const { stream, emitted, subscription, mixer } = mixOf(roster$);
    const heard = await probe(stream);
    const tones = () => nearestTones(heard, [300, 440, 660, 1000]);

    // Ada is listed before her stream arrives; Cy shares no audio at all.
    roster$.next([ada, bo, cy]);
    ada.stream$.next(tone(440));
    await expect.poll(tones, { timeout: 5_000 }).toEqual([440, 1000]);
    const gains = new Set(mixer().keys.map((key) => mixer().gainOf(key)));
    expect(mixer().keys).toEqual(['bo', 'ada']);

    ada.stream$.next(tone(660));
    await expect.poll(tones, { timeout: 5_000 }).toEqual([660, 1000]);
    for (const key of mixer().keys) gains.add(mixer().gainOf(key));
    expect(record.live()).toHaveLength(2);

    roster$.next([ada, cy]);
    await expect.poll(tones, { timeout: 5_000 }).toEqual([660]);
    expect(mixer().keys).toEqual(['ada']);
    expect(record.live()).toHaveLength(1);

    subscription.unsubscribe();
    expect(mixer().disposed).toBe(true);
    expect(mixer().bus.disposed).toBe(true);
    expect([...gains].map((gain) => gain?.disposed)).toEqual([true, true, true]);
    expect(record.made).toHaveLength(3);
    expect(record.live()).toEqual([]);
    expect(stream.getAudioTracks().map((track) => track.readyState)).toEqual(['ended']);
    expect(emitted).toEqual([stream]);
  });

  it('completes and disposes its mixer when the roster completes', () => {
    const record = elements();
    const roster$ = new BehaviorSubject<readonly MemberMedia[]>([member('ada', tone(440))]);
    const { mixer, ended } = mixOf(roster$);
    roster$.complete();
    expect(ended.completed).toBe(true);
    expect(mixer().disposed).toBe(true);
    expect(record.live()).toEqual([]);
  });

  it('mixes this member with a REAL remote member received over a call', async () => {
    const record = elements();
    const remote = await receiveOverCall(owner, tone(1000));
    const self = tone(440);
    // A stream$ that completes keeps its last stream in the mix while the member stays.
    const roster$ = new BehaviorSubject<readonly MemberMedia[]>([{ id: 'remote', stream$: of(remote) }]);
    const { stream, subscription, mixer } = mixOf(roster$, self);
    const heard = await probe(stream);
    await expect.poll(() => nearestTones(heard, [440, 1000]), { timeout: 8_000 }).toEqual([440, 1000]);
    expect(mixer().keys).toHaveLength(2);

    subscription.unsubscribe();
    expect(mixer().disposed).toBe(true);
    expect(record.live()).toEqual([]);
  });
});
