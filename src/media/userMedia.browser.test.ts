import { firstValueFrom, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { devices$ } from './devices.ts';
import { MediaAccessError } from './MediaAccessError.ts';
import { userMedia } from './userMedia.ts';

// Chromium runs with --use-fake-device-for-media-stream and --use-fake-ui-for-media-stream
// (tools/chromium.ts): a fake camera and microphone, and every prompt accepted.

let subscription: Subscription | undefined;
afterEach(() => {
  subscription?.unsubscribe();
  subscription = undefined;
});

describe('userMedia in the browser (fake devices)', () => {
  it('gives live audio and video tracks, and ends them all on unsubscribe', async () => {
    const stream = await new Promise<MediaStream>((resolve, reject) => {
      subscription = userMedia({ audio: true, video: true }).subscribe({ next: resolve, error: reject });
    });
    expect(stream).toBeInstanceOf(MediaStream);
    expect(stream.getAudioTracks()).toHaveLength(1);
    expect(stream.getVideoTracks()).toHaveLength(1);
    expect(stream.getTracks().map((track) => track.readyState)).toEqual(['live', 'live']);

    subscription?.unsubscribe();
    expect(stream.getTracks().map((track) => track.readyState)).toEqual(['ended', 'ended']);
  });

  it('ends the tracks of a request unsubscribed before Chromium answered', async () => {
    // The real getUserMedia, watched: the test sees the stream nobody subscribed to any more.
    let answered: (stream: MediaStream) => void = () => undefined;
    const answer = new Promise<MediaStream>((resolve) => (answered = resolve));
    const watched = Object.assign(Object.create(navigator.mediaDevices) as MediaDevices, {
      getUserMedia: (constraints?: MediaStreamConstraints) =>
        navigator.mediaDevices.getUserMedia(constraints).then((stream) => {
          answered(stream);
          return stream;
        }),
    });
    let emitted = false;
    userMedia({ video: true }, { mediaDevices: watched })
      .subscribe(() => (emitted = true))
      .unsubscribe();

    const stream = await answer;
    // A task later every promise callback, userMedia's included, has run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stream.getTracks().length).toBeGreaterThan(0);
    expect(stream.getTracks().map((track) => track.readyState)).toEqual(stream.getTracks().map(() => 'ended'));
    expect(emitted).toBe(false);
  });

  it('lists at least one microphone and one camera, filtered by kind when asked', async () => {
    const all = await firstValueFrom(devices$());
    expect(all.some((device) => device.kind === 'audioinput')).toBe(true);
    expect(all.some((device) => device.kind === 'videoinput')).toBe(true);
    const cameras = await firstValueFrom(devices$('videoinput'));
    expect(cameras.length).toBeGreaterThan(0);
    expect(cameras.every((device) => device.kind === 'videoinput')).toBe(true);
  });

  it('turns a camera that does not exist into overconstrained, naming deviceId', async () => {
    // Chromium rejects an exact deviceId it does not have with OverconstrainedError
    // (constraint "deviceId", empty message), not NotFoundError.
    const error = await firstValueFrom(userMedia({ video: { deviceId: { exact: 'no-such-device' } } })).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MediaAccessError);
    expect(error).toMatchObject({
      reason: 'overconstrained',
      constraint: 'deviceId',
      message: 'camera: no device satisfies the constraint "deviceId"',
    });
    // A DOMException in Chromium; Firefox's is a MediaStreamError (its own class) of that name.
    expect((error as MediaAccessError).cause).toMatchObject({ name: 'OverconstrainedError' });
  });
});
