/**
 * A member's voice for the Hearing peers stories: a Tone.js sine tone, shared as a
 * MediaStream, that can stop and start and be made louder or quieter the way a person talks —
 * at the source, so that everyone who receives it hears the change. No microphone needed.
 */
import type { Unsubscribable } from 'rxjs';
import { Gain, getContext, Oscillator, type BaseContext } from 'tone';
import { SYNTHETIC_TONE_AMPLITUDE } from '../../src/index.ts';

export interface ToneVoice extends Unsubscribable {
  /** Hz of its tone. */
  readonly frequency: number;
  /** One live audio track: what the member shares (`joinRoom(…, { stream })`). */
  readonly stream: MediaStream;
  /** Whether the tone sounds now. */
  readonly talking: boolean;
  /** Its RMS level in dBFS while it sounds. */
  readonly loudnessDb: number;
  /** Starts or stops the tone. The track stays live and sends silence, as a quiet person does. */
  talk(on: boolean): void;
  /** Sets the tone's RMS level in dBFS, at most -3 (a full-scale sine). */
  setLoudness(db: number): void;
}

/** A sine of amplitude a has an RMS level of 20·log10(a/√2) dBFS: 0.5 gives about -9 dBFS. */
export const DEFAULT_LOUDNESS_DB = amplitudeToRmsDb(SYNTHETIC_TONE_AMPLITUDE);

/** Short enough to sound instant, long enough not to click. */
const RAMP_SECONDS = 0.02;

/**
 * Starts a tone of `frequency` Hz in Tone's context now; `unsubscribe()` stops its track and
 * disposes its nodes. Like every sound on the page it is silence until the context runs
 * (`startAudioOnGesture`).
 *
 * Quiet is made at the source on purpose: setting `track.enabled = false` on the stream handed
 * to `joinRoom` would silence this page's own analysis only, because the room sends clones of
 * the tracks (see the story's docs).
 *
 * @example
 * ```ts
 * const bo = toneVoice(660);
 * joinRoom(roomId, { name: 'Bo', stream: bo.stream });
 * bo.talk(false); // everyone hears Bo fall silent
 * ```
 */
export function toneVoice(frequency: number, context: BaseContext = getContext()): ToneVoice {
  const destination = context.createMediaStreamDestination();
  // One voice, one channel: mono is all a tone needs, and all Opus then has to carry.
  destination.channelCount = 1;
  const oscillator = new Oscillator({ context, frequency, type: 'sine' });
  const gain = new Gain({ context, gain: SYNTHETIC_TONE_AMPLITUDE });
  oscillator.connect(gain);
  gain.connect(destination);
  oscillator.start();

  let talking = true;
  let loudnessDb = DEFAULT_LOUDNESS_DB;
  const apply = () => gain.gain.rampTo(talking ? rmsDbToAmplitude(loudnessDb) : 0, RAMP_SECONDS);
  return {
    frequency,
    stream: destination.stream,
    get talking() {
      return talking;
    },
    get loudnessDb() {
      return loudnessDb;
    },
    talk(on) {
      talking = on;
      apply();
    },
    setLoudness(db) {
      loudnessDb = Math.min(db, amplitudeToRmsDb(1));
      apply();
    },
    unsubscribe() {
      for (const track of destination.stream.getTracks()) track.stop();
      oscillator.dispose();
      gain.dispose();
      destination.disconnect();
    },
  };
}

function amplitudeToRmsDb(amplitude: number): number {
  return 20 * Math.log10(amplitude / Math.SQRT2);
}

function rmsDbToAmplitude(db: number): number {
  return Math.SQRT2 * 10 ** (db / 20);
}
