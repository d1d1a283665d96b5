import { describe, expect, it } from 'vitest';
import { chooseMimeType, DEFAULT_MIME_TYPES_VIDEO_ONLY, DEFAULT_MIME_TYPES_WITH_AUDIO, isWebm } from './chooseMimeType.ts';
import { RecordError } from './RecordError.ts';

/** A browser that records exactly `supported`, and remembers what it was asked. */
function fakeBrowser(...supported: string[]) {
  const asked: string[] = [];
  const isTypeSupported = (mimeType: string) => {
    asked.push(mimeType);
    return supported.includes(mimeType);
  };
  return { asked, isTypeSupported };
}

describe('chooseMimeType', () => {
  it('prefers VP9 with Opus, and asks no further once one fits', () => {
    const browser = fakeBrowser(...DEFAULT_MIME_TYPES_WITH_AUDIO);
    expect(chooseMimeType({ audio: true, isTypeSupported: browser.isTypeSupported })).toBe('video/webm;codecs=vp9,opus');
    expect(browser.asked).toEqual(['video/webm;codecs=vp9,opus']);
  });

  it('declares no audio codec for a video-only recording', () => {
    const browser = fakeBrowser(...DEFAULT_MIME_TYPES_VIDEO_ONLY, ...DEFAULT_MIME_TYPES_WITH_AUDIO);
    expect(chooseMimeType({ audio: false, isTypeSupported: browser.isTypeSupported })).toBe('video/webm;codecs=vp9');
  });

  it('falls back down the list, VP8 after AV1 and a bare video/webm last', () => {
    expect(
      chooseMimeType({
        audio: true,
        isTypeSupported: fakeBrowser('video/webm;codecs=av1,opus', 'video/webm;codecs=vp8,opus').isTypeSupported,
      }),
    ).toBe('video/webm;codecs=av1,opus');
    expect(chooseMimeType({ audio: true, isTypeSupported: fakeBrowser('video/webm;codecs=vp8,opus', 'video/webm').isTypeSupported })).toBe(
      'video/webm;codecs=vp8,opus',
    );
    expect(chooseMimeType({ audio: false, isTypeSupported: fakeBrowser('video/webm').isTypeSupported })).toBe('video/webm');
  });

  it('takes an overriding preference list', () => {
    const browser = fakeBrowser(...DEFAULT_MIME_TYPES_WITH_AUDIO);
    const preferences = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus'];
    expect(chooseMimeType({ audio: true, preferences, isTypeSupported: browser.isTypeSupported })).toBe('video/webm;codecs=vp8,opus');
  });

  it('says unsupported when the browser records none of them', () => {
    const attempt = () => chooseMimeType({ audio: true, isTypeSupported: fakeBrowser('video/mp4').isTypeSupported });
    expect(attempt).toThrow(RecordError);
    expect(attempt).toThrow(expect.objectContaining({ reason: 'unsupported' }));
  });

  it('refuses an empty list and a type the seekable rewrite cannot hold', () => {
    const { isTypeSupported } = fakeBrowser('video/mp4;codecs=avc1,opus');
    expect(() => chooseMimeType({ audio: true, preferences: [], isTypeSupported })).toThrow(RangeError);
    expect(() => chooseMimeType({ audio: true, preferences: ['video/mp4;codecs=avc1,opus'], isTypeSupported })).toThrow(RangeError);
  });

  it('says unsupported where there is no MediaRecorder at all (Node)', () => {
    expect(() => chooseMimeType({ audio: true })).toThrow(expect.objectContaining({ reason: 'unsupported' }));
  });
});

describe('isWebm', () => {
  it('knows WebM by its container, with or without codecs', () => {
    expect(['video/webm', 'video/webm;codecs=vp9', ' VIDEO/WEBM; codecs="vp8, opus"'].map(isWebm)).toEqual([true, true, true]);
    expect(['video/webmx', 'audio/webm', 'video/mp4', 'video/x-matroska;codecs=avc1'].map(isWebm)).toEqual([false, false, false, false]);
  });
});
