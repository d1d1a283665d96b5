/**
 * AudioMixer in real Chromium on Tone's context: the mix carries every input's tone, and
 * loses it with the input.
 */
import * as Tone from 'tone';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audioTestKit } from '../testing/audioTestKit.ts';
import { nearestTones } from '../testing/spectrumProbe.ts';
import { AudioMixer } from './AudioMixer.ts';

const kit = audioTestKit();
const { tone, elements, probe } = kit;
afterEach(() => kit.cleanup());

beforeAll(async () => {
  // Chromium runs with the autoplay flag: no gesture needed.
  await Tone.start();
});

function mixer(): AudioMixer {
  const made = new AudioMixer();
  kit.later(() => made.dispose());
  return made;
}

describe('AudioMixer', () => {
  it('carries the tones of two inputs, and loses one with its input', async () => {
    const mix = mixer();
    const output = mix.stream;
    mix.add('ada', tone(440)).add('bo', tone(1000));
    const heard = await probe(output);
    await expect.poll(() => nearestTones(heard, [440, 1000]), { timeout: 5_000 }).toEqual([440, 1000]);

    const boGain = mix.gainOf('bo');
    mix.remove('bo');
    expect(boGain?.disposed).toBe(true);
    expect(mix.gainOf('bo')).toBeUndefined();
    await expect.poll(() => nearestTones(heard, [440, 1000]), { timeout: 5_000 }).toEqual([440]);
    expect(mix.stream).toBe(output);
    expect(mix.keys).toEqual(['ada']);
  });

  it('replaces what a key had, and takes nothing from a stream without audio', async () => {
    const mix = mixer();
    const heard = await probe(mix.stream);
    mix.add('ada', tone(440));
    const first = mix.gainOf('ada');
    mix.add('ada', tone(1000));
    expect(first?.disposed).toBe(true);
    const videoOnly = new MediaStream(tone(660).getVideoTracks());
    mix.add('cy', videoOnly);
    expect(mix.keys).toEqual(['ada']);
    await expect.poll(() => nearestTones(heard, [440, 660, 1000]), { timeout: 5_000 }).toEqual([1000]);
  });

  it('disposes every node, stops every helper element and ends its track on dispose()', async () => {
    const record = elements();
    const mix = mixer();
    const symbolKey = Symbol('self');
    mix.add('ada', tone(440)).add('bo', tone(1000)).add(symbolKey, tone(660));
    const gains = mix.keys.map((key) => mix.gainOf(key));
    expect(gains).toHaveLength(3);
    expect(record.live()).toHaveLength(3);

    expect(mix.dispose()).toBe(mix);
    expect(mix.disposed).toBe(true);
    expect(gains.map((gain) => gain?.disposed)).toEqual([true, true, true]);
    expect(mix.bus.disposed).toBe(true);
    expect(mix.keys).toEqual([]);
    expect(record.live()).toEqual([]);
    expect(mix.stream.getTracks().map((track) => track.readyState)).toEqual(['ended']);
    expect(() => mix.add('ada', tone(440))).toThrow(expect.objectContaining({ name: 'AudioError', reason: 'disposed' }));
    // Idempotent.
    expect(mix.dispose()).toBe(mix);
  });
});
