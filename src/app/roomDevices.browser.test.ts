/**
 * Switching devices in the room, with the browser's fake devices (one camera, several
 * microphones in the test Chromium) and a room that records what it was asked to send.
 */
import { type Subscription, throwError } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { roomDevices } from './roomDevices.ts';

// Firefox's fake media offers one camera and one microphone: there is no other device to switch to.
const inFirefox = navigator.userAgent.includes('Firefox');

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0).reverse()) release();
});

async function mount(stream: MediaStream, acquire?: Parameters<typeof roomDevices>[1]['acquire']) {
  const anchor = document.createElement('div');
  document.body.append(anchor);
  const sent: MediaStreamTrack[] = [];
  const problems: unknown[] = [];
  const pictures: MediaStream[] = [];
  const shown: Subscription = roomDevices(anchor, {
    room: { replaceTrack: (track) => sent.push(track) },
    stream,
    onPicture: (picture) => pictures.push(picture),
    onProblem: (problem) => problems.push(problem),
    ...(acquire ? { acquire } : {}),
  }).subscribe();
  releases.push(() => {
    shown.unsubscribe();
    anchor.remove();
  });
  const select = (name: string) => document.querySelector(`.room-devices select[name="${name}"]`) as HTMLSelectElement | null;
  return { shown, sent, problems, pictures, select };
}

const pick = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};

describe('roomDevices', () => {
  it.skipIf(inFirefox)(
    'switches the microphone: the new track is sent, the old one stopped, mute carried over, the stream updated',
    async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const [firstMic] = stream.getAudioTracks();
      releases.push(() => {
        for (const track of stream.getTracks()) track.stop();
      });
      firstMic!.enabled = false; // muted before switching
      const { sent, select, shown } = await mount(stream);
      await expect.poll(() => select('microphone')?.options.length ?? 0).toBeGreaterThan(1);
      expect(select('microphone')?.value).toBe(firstMic!.getSettings().deviceId);
      const other = [...select('microphone')!.options].map((option) => option.value).find((id) => id !== select('microphone')!.value);
      pick(select('microphone')!, other!);
      await expect.poll(() => sent.length).toBe(1);
      const [fresh] = sent;
      expect(fresh!.getSettings().deviceId).toBe(other);
      expect(fresh!.enabled).toBe(false);
      expect(firstMic!.readyState).toBe('ended');
      expect(stream.getAudioTracks()).toEqual([fresh]);
      // Leaving stops what the picker switched in, and takes the pickers away.
      shown.unsubscribe();
      expect(fresh!.readyState).toBe('ended');
      expect(document.querySelector('.room-devices')).toBeNull();
    },
  );

  it.skipIf(inFirefox)('says a failed switch in words and keeps the device in use', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    releases.push(() => {
      for (const track of stream.getTracks()) track.stop();
    });
    const busy = new MediaAccessError('device-busy', 'microphone: NotReadableError');
    const { sent, select, problems } = await mount(stream, () => throwError(() => busy));
    await expect.poll(() => select('microphone')?.options.length ?? 0).toBeGreaterThan(1);
    const inUse = select('microphone')!.value;
    pick(select('microphone')!, [...select('microphone')!.options].find((option) => option.value !== inUse)!.value);
    await expect.poll(() => problems).toEqual([busy]);
    expect(sent).toEqual([]);
    expect(select('microphone')!.value).toBe(inUse);
    expect(stream.getAudioTracks()[0]!.readyState).toBe('live');
  });

  it('offers nothing to pick for a synthetic picture and tone', async () => {
    const stream = createSyntheticStream();
    releases.push(() => {
      for (const track of stream.getTracks()) track.stop();
    });
    await mount(stream);
    expect(document.querySelector('.room-devices')).toBeNull();
    // Whereas a camera and microphone offer both.
    const devices = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    releases.push(() => {
      for (const track of devices.getTracks()) track.stop();
    });
    const { select } = await mount(devices);
    expect([select('camera'), select('microphone')].every((picker) => picker instanceof HTMLSelectElement)).toBe(true);
  });
});
