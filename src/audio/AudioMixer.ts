/**
 * Many streams' sound as one: the room's mix that the recorder records. The output stream is
 * one object for the mixer's whole life, because a MediaRecorder is bound to the stream it
 * was made with and cannot be handed another.
 */
import { connect, Gain, getContext, type BaseContext } from 'tone';
import { AudioError } from './AudioError.ts';
import { keepAudioFlowing } from './keepAudioFlowing.ts';

/** Names an input of the mixer: a member's ID, or a symbol for inputs no member owns. */
export type MixerKey = string | symbol;

export interface AudioMixerOptions {
  /** The Tone.js context to mix in. Default Tone's global context. */
  readonly context?: BaseContext;
}

/** One stream's share of the mix and everything that must be released with it. */
interface MixerInput {
  readonly stream: MediaStream;
  readonly source: MediaStreamAudioSourceNode;
  readonly gain: Gain;
  readonly releaseElement: () => void;
}

/**
 * Mixes the audio of any number of streams, local or remote, into {@link AudioMixer.stream}.
 * Each input runs through its own `Tone.Gain` (reachable with {@link AudioMixer.gainOf}, e.g.
 * to lower one member in the recording) into a shared bus. A stream without an audio track
 * contributes nothing. Chromium's silent remote audio is taken care of inside (see
 * keepAudioFlowing.ts).
 *
 * The mix is a plain sum, as a mixing desk's faders at unity are: three members at -9 dBFS
 * can peak past full scale, which a recording clips. Lower `bus.gain` (to `1 / members`, say)
 * where many loud members meet.
 *
 * The mix is only heard while the context runs: start it on a user gesture
 * (`startAudioOnGesture`) where the page has no autoplay permission. Where the browser has no
 * audio output (Firefox without a sound device) the context never runs and the mix stays
 * silent; `startAudioOnGesture` reports that as an {@link AudioError} (`'audio-unavailable'`).
 *
 * @example
 * ```ts
 * declare const adaStream: MediaStream, boStream: MediaStream;
 * const mixer = new AudioMixer();
 * const recorder = new MediaRecorder(mixer.stream);
 * mixer.add('ada', adaStream).add('bo', boStream);
 * recorder.start();
 * // Bo leaves:
 * mixer.remove('bo');
 * // later
 * recorder.stop();
 * mixer.dispose();
 * ```
 */
export class AudioMixer {
  /** The mix: one live audio track, the same object until {@link AudioMixer.dispose} ends it. */
  readonly stream: MediaStream;
  /** The bus every input meets in; its gain is the level of the whole mix. */
  readonly bus: Gain;
  readonly #context: BaseContext;
  readonly #destination: MediaStreamAudioDestinationNode;
  readonly #inputs = new Map<MixerKey, MixerInput>();
  #disposed = false;

  constructor(options: AudioMixerOptions = {}) {
    this.#context = options.context ?? getContext();
    this.#destination = this.#context.createMediaStreamDestination();
    this.stream = this.#destination.stream;
    this.bus = new Gain({ context: this.#context });
    this.bus.connect(this.#destination);
  }

  /** Whether {@link AudioMixer.dispose} has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** The keys of the inputs that contribute to the mix now. */
  get keys(): readonly MixerKey[] {
    return [...this.#inputs.keys()];
  }

  /**
   * Mixes `stream` in under `key`, in place of what `key` had. A stream without an audio
   * track contributes nothing (and still removes what `key` had). Throws once disposed.
   *
   * @example
   * ```ts
   * mixer.add(peer.id, stream);
   * ```
   */
  add(key: MixerKey, stream: MediaStream): this {
    if (this.#disposed) throw new AudioError('disposed', 'AudioMixer: add() after dispose()');
    this.remove(key);
    // Web Audio refuses a stream source without an audio track (InvalidStateError).
    if (stream.getAudioTracks().length === 0) return this;
    const releaseElement = keepAudioFlowing(stream);
    const source = this.#context.createMediaStreamSource(stream);
    const gain = new Gain({ context: this.#context });
    connect(source, gain);
    gain.connect(this.bus);
    this.#inputs.set(key, { stream, source, gain, releaseElement });
    return this;
  }

  /**
   * Takes `key` out of the mix and releases its nodes and helper media element. Unknown keys
   * are ignored, so a member may leave before its stream ever arrived.
   *
   * @example
   * ```ts
   * mixer.remove(peer.id);
   * ```
   */
  remove(key: MixerKey): this {
    const input = this.#inputs.get(key);
    if (!input) return this;
    this.#inputs.delete(key);
    input.source.disconnect();
    input.gain.dispose();
    input.releaseElement();
    return this;
  }

  /**
   * The gain of `key`'s input, while it contributes to the mix.
   *
   * @example
   * ```ts
   * mixer.gainOf('bo')?.gain.rampTo(0.5, 0.1); // Bo at half level in the recording
   * ```
   */
  gainOf(key: MixerKey): Gain | undefined {
    return this.#inputs.get(key)?.gain;
  }

  /**
   * Removes every input, disposes the bus and ends the output track, so a recorder of
   * {@link AudioMixer.stream} sees the mix end. Idempotent.
   *
   * @example
   * ```ts
   * mixer.dispose().disposed; // true
   * ```
   */
  dispose(): this {
    if (this.#disposed) return this;
    for (const key of [...this.#inputs.keys()]) this.remove(key);
    this.#disposed = true;
    this.bus.dispose();
    for (const track of this.stream.getTracks()) track.stop();
    return this;
  }
}
