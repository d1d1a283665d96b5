/**
 * The speaking and active-speaker policies as Storybook controls.
 */
import type { ArgTypes } from '@storybook/html-vite';
import { DEFAULT_ACTIVE_SPEAKER, DEFAULT_SPEAKING, type ActiveSpeakerPolicy, type SpeakingPolicy } from '../../src/index.ts';

export interface SpeakingArgs {
  readonly startDb: number;
  readonly stopAfterMs: number;
  readonly marginDb: number;
  readonly switchAfterMs: number;
}

export const SPEAKING_DEFAULTS: SpeakingArgs = {
  startDb: DEFAULT_SPEAKING.startDb,
  stopAfterMs: DEFAULT_SPEAKING.stopAfterMs,
  marginDb: DEFAULT_ACTIVE_SPEAKER.marginDb,
  switchAfterMs: DEFAULT_ACTIVE_SPEAKER.switchAfterMs,
};

/** How far below `startDb` a speaker must fall to stop: the band that keeps the state steady. */
const HYSTERESIS_DB = DEFAULT_SPEAKING.startDb - DEFAULT_SPEAKING.stopDb;

/** Controls for {@link SpeakingArgs}, to spread into a story's `argTypes`. */
export const SPEAKING_ARG_TYPES: Partial<ArgTypes<SpeakingArgs>> = {
  startDb: {
    control: { type: 'range', min: -80, max: -5, step: 1 },
    description:
      `\`speaking\`’s \`startDb\`: the level (dBFS RMS) a silent member must stay above for ${DEFAULT_SPEAKING.startAfterMs} ms ` +
      `to start speaking. \`stopDb\` follows ${HYSTERESIS_DB} dB below it. Set it above a member’s loudness and that member never speaks.`,
  },
  stopAfterMs: {
    control: { type: 'range', min: 0, max: 3_000, step: 50 },
    description: '`speaking`’s `stopAfterMs`: how long a speaker must stay below `stopDb` to stop — what bridges the pauses between words.',
  },
  marginDb: {
    control: { type: 'range', min: 0, max: 30, step: 1 },
    description: '`activeSpeaker`’s `marginDb`: how much louder than the speaker another speaking member must be to take the floor.',
  },
  switchAfterMs: {
    control: { type: 'range', min: 0, max: 3_000, step: 50 },
    description: '`activeSpeaker`’s `switchAfterMs`: how long that member must stay `marginDb` louder, without a break, to take it.',
  },
};

/**
 * The controls as the two policies.
 *
 * @example
 * ```ts
 * const { speaking, floor } = speakingPolicies(args);
 * room.peers$.pipe(roomLevels({ self, speaking }), activeSpeaker(floor));
 * ```
 */
export function speakingPolicies(args: SpeakingArgs): { speaking: Partial<SpeakingPolicy>; floor: ActiveSpeakerPolicy } {
  const startDb = Number(args.startDb);
  return {
    speaking: { startDb, stopDb: startDb - HYSTERESIS_DB, stopAfterMs: Number(args.stopAfterMs) },
    floor: { marginDb: Number(args.marginDb), switchAfterMs: Number(args.switchAfterMs) },
  };
}
