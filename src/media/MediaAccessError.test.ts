import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeerstageError } from '../errors/PeerstageError.ts';
import { MediaAccessError, type MediaAccessErrorReason, mediaAccessErrorFrom } from './MediaAccessError.ts';

const overconstrained = (constraint: string) => Object.assign(new DOMException('', 'OverconstrainedError'), { constraint });

/** With `navigator.mediaDevices` present (a secure page), so only the error's name decides. */
function inSecurePage(): void {
  vi.stubGlobal('isSecureContext', true);
  vi.stubGlobal('navigator', { mediaDevices: new EventTarget() });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('mediaAccessErrorFrom', () => {
  const table: readonly [error: unknown, reason: MediaAccessErrorReason, message: string][] = [
    [new DOMException('Permission denied', 'NotAllowedError'), 'permission-denied', 'camera and microphone: permission denied'],
    [new DOMException('', 'PermissionDeniedError'), 'permission-denied', 'camera and microphone: permission denied'],
    [
      new DOMException('', 'SecurityError'),
      'permission-denied',
      "camera and microphone: permission denied by the browser or the page's permissions policy",
    ],
    [new DOMException('Requested device not found', 'NotFoundError'), 'no-device', 'camera and microphone: no device found'],
    [new DOMException('', 'DevicesNotFoundError'), 'no-device', 'camera and microphone: no device found'],
    [
      new DOMException('Could not start video source', 'NotReadableError'),
      'device-busy',
      'camera and microphone: the device is in use by another application or could not be started',
    ],
    [
      new DOMException('', 'TrackStartError'),
      'device-busy',
      'camera and microphone: the device is in use by another application or could not be started',
    ],
    [overconstrained('deviceId'), 'overconstrained', 'camera and microphone: no device satisfies the constraint "deviceId"'],
    [new DOMException('', 'OverconstrainedError'), 'overconstrained', 'camera and microphone: no device satisfies the constraints'],
    [new DOMException('Starting videoinput failed', 'AbortError'), 'aborted', 'camera and microphone: the request was aborted'],
    [
      new TypeError('At least one of audio and video must be requested'),
      'unsupported',
      'camera and microphone: At least one of audio and video must be requested',
    ],
    [new DOMException('', 'InvalidStateError'), 'unsupported', 'camera and microphone: InvalidStateError'],
    ['a string', 'unsupported', 'camera and microphone: a string'],
  ];

  it.each(table)('maps %o to %s', (error, reason, message) => {
    inSecurePage();
    const mapped = mediaAccessErrorFrom(error, 'camera and microphone');
    expect(mapped).toBeInstanceOf(MediaAccessError);
    expect(mapped).toBeInstanceOf(PeerstageError);
    expect(mapped.name).toBe('MediaAccessError');
    expect(mapped.reason).toBe(reason);
    expect(mapped.message).toBe(message);
    expect(mapped.cause).toBe(error);
  });

  it('names the constraint no device could meet', () => {
    expect(mediaAccessErrorFrom(overconstrained('width'), 'camera').constraint).toBe('width');
    expect(mediaAccessErrorFrom(new DOMException('', 'NotFoundError'), 'camera').constraint).toBeUndefined();
  });

  it('says insecure-context for a SecurityError on an insecure page', () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('navigator', { mediaDevices: new EventTarget() });
    const mapped = mediaAccessErrorFrom(new DOMException('', 'SecurityError'), 'camera');
    expect(mapped.reason).toBe('insecure-context');
    expect(mapped.message).toBe('camera: needs a secure page (HTTPS or localhost)');
  });

  it('says insecure-context when navigator.mediaDevices is hidden by an insecure page', () => {
    vi.stubGlobal('isSecureContext', false);
    vi.stubGlobal('navigator', {});
    expect(mediaAccessErrorFrom(new TypeError('x'), 'microphone').reason).toBe('insecure-context');
  });

  it('says unsupported when a secure page has no navigator.mediaDevices', () => {
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('navigator', {});
    const mapped = mediaAccessErrorFrom(new TypeError('x'), 'microphone');
    expect(mapped.reason).toBe('unsupported');
    expect(mapped.message).toBe('microphone: this browser has no media devices (navigator.mediaDevices)');
  });

  it('passes a MediaAccessError through unchanged', () => {
    const original = new MediaAccessError('aborted', 'camera: the request was aborted');
    expect(mediaAccessErrorFrom(original, 'screen capture')).toBe(original);
  });
});
