import { describe, expect, it } from 'vitest';
import { countVideoFrames, readTone } from '../testing/mediaProbes.ts';
import { createSyntheticStream } from './createSyntheticStream.ts';

const stopAll = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

describe('createSyntheticStream', () => {
  it('gives one live video track and one live audio track', () => {
    const stream = createSyntheticStream({ label: 'Ada' });
    try {
      expect(stream.getVideoTracks()).toHaveLength(1);
      expect(stream.getAudioTracks()).toHaveLength(1);
      expect(stream.getTracks().every((track) => track.readyState === 'live')).toBe(true);
      expect(stream.getVideoTracks()[0]!.getSettings()).toMatchObject({ width: 320, height: 240 });
    } finally {
      stopAll(stream);
    }
  });

  it('moves: frames keep coming at about the asked rate', async () => {
    const stream = createSyntheticStream({ fps: 30 });
    try {
      const frames = await countVideoFrames(stream, 1000);
      // 30 fps asked; a busy 2-core machine still presents well over half of them.
      expect(frames).toBeGreaterThan(12);
    } finally {
      stopAll(stream);
    }
  });

  it('sounds: a sine at the asked pitch, about -9 dBFS RMS', async () => {
    const stream = createSyntheticStream({ frequency: 660 });
    try {
      const tone = await readTone(stream);
      expect(Math.abs(tone.peakHz - 660)).toBeLessThan(12);
      expect(tone.levelDb).toBeGreaterThan(-12);
      expect(tone.levelDb).toBeLessThan(-6);
    } finally {
      stopAll(stream);
    }
  });
});
