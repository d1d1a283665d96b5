import { afterEach, describe, expect, it } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import { mediaControls } from './mediaControls.ts';

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0).reverse()) release();
});

function mount(stream: MediaStream | null, displayMedia?: () => Promise<MediaStream>) {
  const bar = document.createElement('div');
  document.body.append(bar);
  const replaced: MediaStreamTrack[] = [];
  const pictures: MediaStream[] = [];
  const problems: unknown[] = [];
  if (displayMedia) {
    const original = navigator.mediaDevices.getDisplayMedia;
    navigator.mediaDevices.getDisplayMedia = displayMedia;
    releases.push(() => (navigator.mediaDevices.getDisplayMedia = original));
  }
  const shown = mediaControls(bar, {
    room: { replaceTrack: (track) => void replaced.push(track) },
    stream,
    onPicture: (picture) => void pictures.push(picture),
    onProblem: (problem) => void problems.push(problem),
  }).subscribe();
  releases.push(() => {
    shown.unsubscribe();
    bar.remove();
  });
  const control = (name: string) => [...bar.querySelectorAll('button')].find((candidate) => candidate.textContent === name);
  return { bar, control, replaced, pictures, problems, shown };
}

function synthetic(): MediaStream {
  const stream = createSyntheticStream({ width: 64, height: 48 });
  releases.push(() => {
    for (const track of stream.getTracks()) track.stop();
  });
  return stream;
}

describe('mediaControls', () => {
  it('mutes and unmutes the microphone, and turns the camera off and on, on the tracks the calls send', () => {
    const stream = synthetic();
    const { control } = mount(stream);
    // A toggle keeps its name; aria-pressed and the icon say the state.
    control('Mute')!.click();
    expect(stream.getAudioTracks()[0]!.enabled).toBe(false);
    expect(control('Mute')!.getAttribute('aria-pressed')).toBe('true');
    expect(control('Mute')!.dataset.icon).toBe('micOff');
    control('Mute')!.click();
    expect(stream.getAudioTracks()[0]!.enabled).toBe(true);
    expect(control('Mute')!.getAttribute('aria-pressed')).toBe('false');
    expect(control('Mute')!.dataset.icon).toBe('mic');
    control('Camera off')!.click();
    expect(stream.getVideoTracks()[0]!.enabled).toBe(false);
    expect(control('Camera off')!.dataset.icon).toBe('cameraOff');
    control('Camera off')!.click();
    expect(stream.getVideoTracks()[0]!.enabled).toBe(true);
    expect(control('Camera off')!.querySelectorAll('svg.icon')).toHaveLength(1);
  });

  it('names its shortcuts for assistive technology', () => {
    const { control } = mount(synthetic());
    expect(control('Mute')!.getAttribute('aria-keyshortcuts')).toBe('M');
    expect(control('Camera off')!.getAttribute('aria-keyshortcuts')).toBe('V');
    expect(control('Share screen')!.getAttribute('aria-keyshortcuts')).toBe('D');
  });

  it('offers nothing to switch for a member without media', () => {
    const { control } = mount(null);
    expect(control('Mute')!.disabled).toBe(true);
    expect(control('Camera off')!.disabled).toBe(true);
    expect(control('Share screen')!.disabled).toBe(true);
  });

  it('shows a screen instead of the camera and back, by replacing the track, and stops the capture', async () => {
    const stream = synthetic();
    const screen = createSyntheticStream({ label: 'screen', width: 64, height: 48 });
    const screenTrack = screen.getVideoTracks()[0]!;
    for (const track of screen.getAudioTracks()) track.stop();
    const { control, replaced, pictures } = mount(stream, () => Promise.resolve(new MediaStream([screenTrack])));
    control('Share screen')!.click();
    await expect.poll(() => replaced).toEqual([screenTrack]);
    expect(pictures[0]!.getVideoTracks()).toEqual([screenTrack]);
    control('Stop sharing screen')!.click();
    expect(replaced).toEqual([screenTrack, stream.getVideoTracks()[0]]);
    expect(pictures[1]).toBe(stream);
    expect(screenTrack.readyState).toBe('ended');
  });

  it('takes a cancelled screen picker as a choice, and tells other failures', async () => {
    const stream = synthetic();
    const cancelled = mount(stream, () => Promise.reject(new DOMException('cancelled', 'NotAllowedError')));
    cancelled.control('Share screen')!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cancelled.problems).toEqual([]);
    cancelled.shown.unsubscribe();

    const failing = mount(stream, () => Promise.reject(new DOMException('no capture here', 'NotSupportedError')));
    failing.control('Share screen')!.click();
    await expect.poll(() => failing.problems.length).toBe(1);
    expect(failing.problems[0]).toBeInstanceOf(MediaAccessError);
  });
});
