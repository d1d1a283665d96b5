import { firstValueFrom, take } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { displayMedia } from './displayMedia.ts';
import { MediaAccessError } from './MediaAccessError.ts';
import { userMedia } from './userMedia.ts';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';

/** A track as the browser has it: `stop()` ends it silently, only the source ending fires `ended`. */
class FakeTrack extends CountingEventTarget {
  readyState: MediaStreamTrackState = 'live';
  stops = 0;
  stop(): void {
    this.stops += 1;
    this.readyState = 'ended';
  }
  /** The source went away: unplugged, or "Stop sharing" pressed. */
  end(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

function fakeStream(...tracks: FakeTrack[]): MediaStream {
  return { id: 'fake', getTracks: () => [...tracks] } as unknown as MediaStream;
}

/** getUserMedia and getDisplayMedia answer when the test says so. */
class FakeMediaDevices extends CountingEventTarget {
  readonly requests: {
    kind: 'user' | 'display';
    constraints: unknown;
    resolve: (stream: MediaStream) => void;
    reject: (error: unknown) => void;
  }[] = [];
  getUserMedia(constraints?: MediaStreamConstraints): Promise<MediaStream> {
    return this.request('user', constraints);
  }
  getDisplayMedia(options?: DisplayMediaStreamOptions): Promise<MediaStream> {
    return this.request('display', options);
  }
  asMediaDevices(): MediaDevices {
    return this as unknown as MediaDevices;
  }
  /** The latest request; fails the test when there is none. */
  get last() {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no request was made');
    return request;
  }
  private request(kind: 'user' | 'display', constraints: unknown): Promise<MediaStream> {
    return new Promise((resolve, reject) => this.requests.push({ kind, constraints, resolve, reject }));
  }
}

/** Lets the promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('userMedia', () => {
  it('is cold: asks nothing until subscribed, and asks again for each subscription', () => {
    const devices = new FakeMediaDevices();
    const camera$ = userMedia({ video: true }, { mediaDevices: devices.asMediaDevices() });
    expect(devices.requests).toHaveLength(0);
    const first = camera$.subscribe();
    const second = camera$.subscribe();
    expect(devices.requests.map((request) => [request.kind, request.constraints])).toEqual([
      ['user', { video: true }],
      ['user', { video: true }],
    ]);
    first.unsubscribe();
    second.unsubscribe();
  });

  it('emits the stream and stops every track on unsubscribe, leaving no listener', async () => {
    const devices = new FakeMediaDevices();
    const audio = new FakeTrack();
    const video = new FakeTrack();
    const stream = fakeStream(audio, video);
    const next = vi.fn();
    const complete = vi.fn();
    const subscription = userMedia({ audio: true, video: true }, { mediaDevices: devices.asMediaDevices() }).subscribe({ next, complete });
    devices.last.resolve(stream);
    await settle();
    expect(next).toHaveBeenCalledExactlyOnceWith(stream);
    expect([audio.stops, video.stops]).toEqual([0, 0]);

    subscription.unsubscribe();
    expect([audio.readyState, video.readyState]).toEqual(['ended', 'ended']);
    expect([audio.stops, video.stops]).toEqual([1, 1]);
    expect([audio.listeners, video.listeners]).toEqual([0, 0]);
    expect(complete).not.toHaveBeenCalled();
  });

  it('stops the tracks when unsubscribed before the browser answered, and emits nothing', async () => {
    const devices = new FakeMediaDevices();
    const track = new FakeTrack();
    const next = vi.fn();
    const subscription = userMedia({ video: true }, { mediaDevices: devices.asMediaDevices() }).subscribe(next);
    subscription.unsubscribe();
    devices.last.resolve(fakeStream(track));
    await settle();
    expect(track.readyState).toBe('ended');
    expect(track.stops).toBe(1);
    expect(track.listeners).toBe(0);
    expect(next).not.toHaveBeenCalled();
  });

  it('ignores a failure that comes after unsubscribe', async () => {
    const devices = new FakeMediaDevices();
    const error = vi.fn();
    userMedia({ video: true }, { mediaDevices: devices.asMediaDevices() }).subscribe({ error }).unsubscribe();
    devices.last.reject(new DOMException('', 'NotAllowedError'));
    await settle();
    expect(error).not.toHaveBeenCalled();
  });

  it('completes once every track has ended on its own, and releases them', async () => {
    const devices = new FakeMediaDevices();
    const audio = new FakeTrack();
    const video = new FakeTrack();
    const complete = vi.fn();
    userMedia({ audio: true, video: true }, { mediaDevices: devices.asMediaDevices() }).subscribe({ complete });
    devices.last.resolve(fakeStream(audio, video));
    await settle();

    video.end();
    expect(complete).not.toHaveBeenCalled();
    expect(audio.readyState).toBe('live');
    audio.end();
    expect(complete).toHaveBeenCalledOnce();
    expect([audio.listeners, video.listeners]).toEqual([0, 0]);
  });

  it('completes at once when a track had already ended before it was handed over', async () => {
    const devices = new FakeMediaDevices();
    const track = new FakeTrack();
    track.readyState = 'ended';
    const complete = vi.fn();
    const next = vi.fn();
    userMedia({ video: true }, { mediaDevices: devices.asMediaDevices() }).subscribe({ next, complete });
    devices.last.resolve(fakeStream(track));
    await settle();
    expect(next).toHaveBeenCalledOnce();
    expect(complete).toHaveBeenCalledOnce();
    expect(track.listeners).toBe(0);
  });

  it('stops the tracks when the subscriber leaves after the first value (take(1))', async () => {
    const devices = new FakeMediaDevices();
    const track = new FakeTrack();
    const stream = fakeStream(track);
    const first = firstValueFrom(userMedia({ video: true }, { mediaDevices: devices.asMediaDevices() }).pipe(take(1)));
    devices.last.resolve(stream);
    await expect(first).resolves.toBe(stream);
    expect(track.readyState).toBe('ended');
    expect(track.listeners).toBe(0);
  });

  it('errors with a MediaAccessError that names the request', async () => {
    const devices = new FakeMediaDevices();
    const denied = new DOMException('Permission denied', 'NotAllowedError');
    const result = firstValueFrom(userMedia({ audio: true, video: true }, { mediaDevices: devices.asMediaDevices() }));
    devices.last.reject(denied);
    await expect(result).rejects.toSatisfy(
      (error) =>
        error instanceof MediaAccessError &&
        error.reason === 'permission-denied' &&
        error.message === 'camera and microphone: permission denied' &&
        error.cause === denied,
    );
  });

  it.each([
    [{ video: true }, 'camera: no device found'],
    [{ audio: true }, 'microphone: no device found'],
  ])('names %o in its messages', async (constraints, message) => {
    const devices = new FakeMediaDevices();
    const result = firstValueFrom(userMedia(constraints, { mediaDevices: devices.asMediaDevices() }));
    devices.last.reject(new DOMException('', 'NotFoundError'));
    await expect(result).rejects.toThrow(message);
  });

  it('errors with insecure-context where an insecure page hides navigator.mediaDevices', async () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('navigator', {});
    await expect(firstValueFrom(userMedia({ video: true }))).rejects.toSatisfy(
      (error) => error instanceof MediaAccessError && error.reason === 'insecure-context',
    );
  });

  it('errors with unsupported where a secure page has no navigator.mediaDevices', async () => {
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('navigator', {});
    await expect(firstValueFrom(userMedia({ video: true }))).rejects.toSatisfy(
      (error) => error instanceof MediaAccessError && error.reason === 'unsupported',
    );
  });

  it('uses navigator.mediaDevices when none is given, looked up at subscribe time', async () => {
    const devices = new FakeMediaDevices();
    const camera$ = userMedia({ video: true });
    vi.stubGlobal('navigator', { mediaDevices: devices });
    const subscription = camera$.subscribe();
    expect(devices.requests).toHaveLength(1);
    subscription.unsubscribe();
  });
});

describe('displayMedia', () => {
  it('asks getDisplayMedia and completes when the user presses "Stop sharing"', async () => {
    const devices = new FakeMediaDevices();
    const screen = new FakeTrack();
    const next = vi.fn();
    const complete = vi.fn();
    displayMedia({ video: true, audio: false }, { mediaDevices: devices.asMediaDevices() }).subscribe({ next, complete });
    expect(devices.last.kind).toBe('display');
    expect(devices.last.constraints).toEqual({ video: true, audio: false });
    devices.last.resolve(fakeStream(screen));
    await settle();
    expect(next).toHaveBeenCalledOnce();
    screen.end();
    expect(complete).toHaveBeenCalledOnce();
    expect(screen.listeners).toBe(0);
  });

  it('stops sharing on unsubscribe, also before the user picked', async () => {
    const devices = new FakeMediaDevices();
    const screen = new FakeTrack();
    displayMedia(undefined, { mediaDevices: devices.asMediaDevices() }).subscribe().unsubscribe();
    devices.last.resolve(fakeStream(screen));
    await settle();
    expect(screen.stops).toBe(1);
  });

  it('turns a cancelled picker into permission-denied', async () => {
    const devices = new FakeMediaDevices();
    const result = firstValueFrom(displayMedia(undefined, { mediaDevices: devices.asMediaDevices() }));
    devices.last.reject(new DOMException('Permission denied by user', 'NotAllowedError'));
    await expect(result).rejects.toSatisfy(
      (error) =>
        error instanceof MediaAccessError && error.reason === 'permission-denied' && error.message === 'screen capture: permission denied',
    );
  });

  it('turns a request outside a user gesture (InvalidStateError, as Firefox says it) into needs-gesture', async () => {
    const devices = new FakeMediaDevices();
    const result = firstValueFrom(displayMedia(undefined, { mediaDevices: devices.asMediaDevices() }));
    devices.last.reject(new DOMException('getDisplayMedia requires transient activation from a user gesture.', 'InvalidStateError'));
    await expect(result).rejects.toSatisfy((error) => error instanceof MediaAccessError && error.reason === 'needs-gesture');
  });

  it('errors with unsupported where the browser has no getDisplayMedia (phones)', async () => {
    const devices = Object.assign(new EventTarget(), { getUserMedia: () => Promise.reject(new Error('unused')) });
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('navigator', { mediaDevices: devices });
    await expect(firstValueFrom(displayMedia())).rejects.toSatisfy(
      (error) =>
        error instanceof MediaAccessError &&
        error.reason === 'unsupported' &&
        error.cause instanceof TypeError &&
        error.message.includes('getDisplayMedia'),
    );
  });
});
