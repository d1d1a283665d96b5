import { firstValueFrom } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { devices$ } from './devices.ts';
import { MediaAccessError } from './MediaAccessError.ts';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';

function device(kind: MediaDeviceKind, deviceId: string, label = deviceId): MediaDeviceInfo {
  return { kind, deviceId, label, groupId: `group-${deviceId}`, toJSON: () => ({}) } as MediaDeviceInfo;
}

/** Lists `present`, answers `enumerateDevices` at once (or as told), and counts its listeners. */
class FakeMediaDevices extends CountingEventTarget {
  present: MediaDeviceInfo[] = [];
  enumerations = 0;
  /** When set, the next enumerations wait here instead of answering at once. */
  held: ((devices: MediaDeviceInfo[]) => void)[] | undefined;
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    this.enumerations += 1;
    const snapshot = [...this.present];
    const held = this.held;
    if (held) return new Promise((resolve) => held.push(() => resolve(snapshot)));
    return Promise.resolve(snapshot);
  }
  /** A device was plugged in or out. */
  change(present: MediaDeviceInfo[]): void {
    this.present = present;
    this.dispatchEvent(new Event('devicechange'));
  }
  asMediaDevices(): MediaDevices {
    return this as unknown as MediaDevices;
  }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const ids = (list: readonly MediaDeviceInfo[]) => list.map((entry) => entry.deviceId);

describe('devices$', () => {
  it('is cold: enumerates on subscribe, not before', async () => {
    const devices = new FakeMediaDevices();
    const list$ = devices$(undefined, { mediaDevices: devices.asMediaDevices() });
    expect(devices.enumerations).toBe(0);
    devices.present = [device('audioinput', 'mic'), device('videoinput', 'cam')];
    await expect(firstValueFrom(list$)).resolves.toEqual(devices.present);
    expect(devices.enumerations).toBe(1);
  });

  it('re-enumerates on devicechange and removes its listener on unsubscribe', async () => {
    const devices = new FakeMediaDevices();
    devices.present = [device('videoinput', 'cam')];
    const seen: string[][] = [];
    const subscription = devices$(undefined, { mediaDevices: devices.asMediaDevices() }).subscribe((list) => seen.push(ids(list)));
    expect(devices.listeners).toBe(1);
    await settle();
    devices.change([device('videoinput', 'cam'), device('videoinput', 'usb-cam')]);
    await settle();
    expect(seen).toEqual([['cam'], ['cam', 'usb-cam']]);

    subscription.unsubscribe();
    expect(devices.listeners).toBe(0);
    devices.change([]);
    await settle();
    expect(devices.enumerations).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it('filters by kind and stays quiet when only other kinds changed', async () => {
    const devices = new FakeMediaDevices();
    devices.present = [device('audioinput', 'mic'), device('videoinput', 'cam'), device('audiooutput', 'speaker')];
    const seen: string[][] = [];
    const subscription = devices$('videoinput', { mediaDevices: devices.asMediaDevices() }).subscribe((list) => seen.push(ids(list)));
    await settle();
    devices.change([device('audioinput', 'mic'), device('videoinput', 'cam')]);
    await settle();
    devices.change([device('videoinput', 'cam', 'FaceTime HD Camera')]);
    await settle();
    expect(seen).toEqual([['cam'], ['cam']]);
    expect(devices.enumerations).toBe(3);
    subscription.unsubscribe();
  });

  it('emits only the latest enumeration when two settle out of order', async () => {
    const devices = new FakeMediaDevices();
    devices.held = [];
    const seen: string[][] = [];
    const subscription = devices$(undefined, { mediaDevices: devices.asMediaDevices() }).subscribe((list) => seen.push(ids(list)));
    devices.change([device('audioinput', 'new-mic')]);
    const [first, second] = devices.held;
    second?.([]);
    first?.([]);
    await settle();
    expect(seen).toEqual([['new-mic']]);
    subscription.unsubscribe();
  });

  it('emits nothing from an enumeration that settles after unsubscribe', async () => {
    const devices = new FakeMediaDevices();
    devices.held = [];
    devices.present = [device('audioinput', 'mic')];
    const next = vi.fn();
    devices$(undefined, { mediaDevices: devices.asMediaDevices() }).subscribe(next).unsubscribe();
    devices.held[0]?.([]);
    await settle();
    expect(next).not.toHaveBeenCalled();
  });

  it('errors with a MediaAccessError and lets go of its listener when enumeration fails', async () => {
    const devices = new FakeMediaDevices();
    devices.enumerateDevices = () => Promise.reject(new DOMException('', 'NotAllowedError'));
    await expect(firstValueFrom(devices$('audioinput', { mediaDevices: devices.asMediaDevices() }))).rejects.toSatisfy(
      (error) =>
        error instanceof MediaAccessError &&
        error.reason === 'permission-denied' &&
        error.message === 'audioinput devices: permission denied',
    );
    expect(devices.listeners).toBe(0);
  });
});
