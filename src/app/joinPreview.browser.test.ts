/**
 * The join preview with the browser's own (fake) camera and microphone: what it shows, that it
 * stops every track it stops owning, and that a handed-over camera lives on with its new owner.
 */
import { BehaviorSubject, NEVER, Observable, of, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import type { MediaChoice } from './joinRequest.ts';
import { joinPreview, METER_LABEL, METER_WAITS_FOR_SOUND } from './joinPreview.ts';
import { type LocalMedia, localMedia } from './localMedia.ts';

// Firefox's fake media offers one camera and one microphone: there is no other device to switch to.
const inFirefox = navigator.userAgent.includes('Firefox');

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0).reverse()) release();
});

/** `localMedia`, noting every track it hands out. */
function trackingAcquire() {
  const tracks: MediaStreamTrack[] = [];
  const acquire = (choice: MediaChoice, name: string, devices: object) =>
    new Observable<LocalMedia>((subscriber) =>
      localMedia(choice, name, devices, { match: 'exact' }).subscribe({
        next: (local) => {
          tracks.push(...(local.stream?.getTracks() ?? []));
          subscriber.next(local);
        },
        error: (error) => subscriber.error(error),
      }),
    );
  return { acquire, tracks, live: () => tracks.filter((track) => track.readyState === 'live') };
}

function mount(media: MediaChoice, extra: Partial<Parameters<typeof joinPreview>[0]> = {}) {
  const media$ = new BehaviorSubject<MediaChoice>(media);
  const tracking = trackingAcquire();
  const preview = joinPreview({ media$, name: () => 'Ada', acquire: tracking.acquire, start$: NEVER, playback$: of(true), ...extra });
  document.body.append(preview.element);
  const running: Subscription = preview.run$.subscribe();
  releases.push(() => {
    running.unsubscribe();
    preview.element.remove();
  });
  const video = preview.element.querySelector('video') as HTMLVideoElement;
  return { preview, running, media$, video, ...tracking };
}

describe('joinPreview', () => {
  it('shows the camera, a labelled microphone meter and both device pickers; leaving stops every track', async () => {
    const { preview, running, video, tracks, live } = mount('camera');
    await expect.poll(() => video.srcObject instanceof MediaStream, { timeout: 5_000 }).toBe(true);
    expect(tracks.map((track) => track.kind).sort()).toEqual(['audio', 'video']);
    const meter = preview.element.querySelector('[role="meter"]');
    expect(meter?.getAttribute('aria-label')).toBe(METER_LABEL);
    const selects = [...preview.element.querySelectorAll('select')].map((select) => select.labels?.[0]?.textContent);
    expect(selects).toEqual([expect.stringContaining('Camera'), expect.stringContaining('Microphone')]);
    // With permission (the test browser grants it) the pickers list devices by name.
    await expect.poll(() => preview.element.querySelector('select')?.options.length ?? 0).toBeGreaterThan(0);
    running.unsubscribe();
    expect(live()).toEqual([]);
  });

  it.skipIf(inFirefox)(
    'asks once, even as permission names the devices, and asks again for the device picked, stopping the last',
    async () => {
      const { preview, tracks, live } = mount('camera');
      const microphone = () => preview.element.querySelector('select[name="microphone"]') as HTMLSelectElement;
      await expect.poll(() => microphone().options.length).toBeGreaterThan(1);
      await expect.poll(() => tracks.length, { timeout: 5_000 }).toBe(2);
      // The list arrived with names and IDs, and shows the microphone in use: no new request.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(tracks).toHaveLength(2);
      const other = [...microphone().options].map((option) => option.value).find((id) => id !== microphone().value);
      expect(other).toBeTruthy();
      microphone().value = other as string;
      microphone().dispatchEvent(new Event('change'));
      await expect.poll(() => tracks.length).toBe(4);
      expect(tracks.slice(0, 2).map((track) => track.readyState)).toEqual(['ended', 'ended']);
      expect(
        live()
          .find((track) => track.kind === 'audio')
          ?.getSettings().deviceId,
      ).toBe(other);
      expect(preview.devices().microphone).toBe(other);
    },
  );

  it('switches to the synthetic picture and to nothing, stopping the camera', async () => {
    const { media$, video, tracks, live, preview } = mount('camera');
    await expect.poll(() => tracks.length, { timeout: 5_000 }).toBe(2);
    media$.next('synthetic');
    await expect.poll(() => (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.kind).toBe('video');
    expect(tracks.slice(0, 2).every((track) => track.readyState === 'ended')).toBe(true);
    expect((preview.element.querySelector('.device-picker') as HTMLElement).hidden).toBe(true);
    media$.next('none');
    await expect.poll(() => video.srcObject).toBeNull();
    expect(live()).toEqual([]);
  });

  it('hands the camera over: the preview lets go of it, and the lease stops it', async () => {
    const { preview, running, tracks, live } = mount('camera');
    await expect.poll(() => tracks.length, { timeout: 5_000 }).toBe(2);
    const lease = preview.handOver();
    expect(lease?.local.stream?.getTracks()).toHaveLength(2);
    running.unsubscribe();
    expect(live()).toHaveLength(2);
    const used = lease?.media$.subscribe();
    used?.unsubscribe();
    expect(live()).toEqual([]);
  });

  it('hands over nothing for the synthetic picture (its name may change before Join)', async () => {
    const { preview, tracks, running, live } = mount('synthetic');
    await expect.poll(() => tracks.length, { timeout: 5_000 }).toBe(2);
    expect(preview.handOver()).toBeUndefined();
    running.unsubscribe();
    expect(live()).toEqual([]);
  });

  it('says a refused camera in words, and that joining is still possible', async () => {
    const refused = new MediaAccessError('permission-denied', 'camera and microphone: NotAllowedError');
    const { preview } = mount('camera', { acquire: () => of({ stream: null, problem: refused }) });
    const status = preview.element.querySelector('[role="status"]');
    await expect
      .poll(() => status?.textContent)
      .toBe('Camera and microphone permission was denied. You can still join: the others will not see or hear you.');
    expect(preview.handOver()).toBeUndefined();
  });

  it('says that the meter waits for sound while Web Audio is suspended', async () => {
    const playback$ = new BehaviorSubject(false);
    const { preview } = mount('synthetic', { playback$ });
    await expect.poll(() => preview.element.textContent).toContain(METER_WAITS_FOR_SOUND);
    playback$.next(true);
    await expect.poll(() => preview.element.textContent).not.toContain(METER_WAITS_FOR_SOUND);
  });
});
