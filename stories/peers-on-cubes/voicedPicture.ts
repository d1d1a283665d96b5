/**
 * What a member of the Peers on cubes stories shares: a synthetic picture in its colour and a
 * tone voice it can raise, lower or stop, as one MediaStream.
 */
import type { Unsubscribable } from 'rxjs';
import { ownedSyntheticStream } from '../peer-basics/ownedStream.ts';
import { toneVoice, type ToneVoice } from '../hearing-peers/toneVoice.ts';
import type { CubeMember } from './cubeMembers.ts';

export interface VoicedPicture extends Unsubscribable {
  /** One video track (the picture) and one audio track (the voice). */
  readonly stream: MediaStream;
  readonly voice: ToneVoice;
}

/**
 * Small and slow enough that six members, fifteen calls, stay light on a busy machine. No
 * label on the picture: the cube shows the name above it, and the picture's middle, where a
 * play function reads the cube's colour, stays clear.
 */
const PICTURE = { width: 160, height: 120, fps: 15 } as const;

/**
 * Makes the picture and the voice now; `unsubscribe()` stops both.
 *
 * The synthetic stream's own tone is left out: its loudness is fixed, and the audio reactive
 * story needs members who talk louder, quieter, or not at all (see hearing-peers/toneVoice.ts).
 *
 * @example
 * ```ts
 * const bo = voicedPicture({ name: 'Bo', color: '#1fbf3f', frequency: 550 });
 * joinRoom(roomId, { name: 'Bo', stream: bo.stream });
 * bo.voice.talk(false); // Bo's cube shrinks back on every member's stage
 * ```
 */
export function voicedPicture(member: CubeMember): VoicedPicture {
  const picture = ownedSyntheticStream({ color: member.color, frequency: member.frequency, ...PICTURE });
  const voice = toneVoice(member.frequency);
  const stream = new MediaStream([...picture.stream.getVideoTracks(), ...voice.stream.getAudioTracks()]);
  return {
    stream,
    voice,
    unsubscribe: () => {
      picture.unsubscribe();
      voice.unsubscribe();
    },
  };
}
