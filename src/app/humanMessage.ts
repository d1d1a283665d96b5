/**
 * What to tell a person when something fails, in their words: every typed error the library
 * raises maps to a sentence that says what happened and what the page does about it.
 */
import { AudioError } from '../audio/AudioError.ts';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import { RecordError } from '../record/RecordError.ts';
import { RoomError } from '../room/RoomError.ts';

const ROOM: Record<RoomError['reason'], string> = {
  'malformed-message': 'A member sent something this page cannot read; it was ignored.',
  'message-too-large': 'That message is too long to send.',
  'unknown-message': 'A member uses a newer version of peerstage; some of what it sends is ignored.',
  'wrong-passphrase': 'Wrong passphrase: the room did not let you in. Check it and join again.',
  'admission-refused': 'Someone tried to join with a wrong passphrase and was kept out.',
  'room-full': 'This room is full. Try again later, or join another room.',
  'signaling-unavailable': 'Lost the signaling server. You stay connected to the room; reconnecting…',
  'join-failed': 'Could not join: the signaling server cannot be reached or refused this page.',
  'send-failed': 'A message could not be delivered.',
  'connection-failed': 'Could not connect to {member}: their network or browser may block it.',
  'media-unsupported': 'You joined without that kind of media, so it cannot be switched now.',
};

const MEDIA: Record<MediaAccessError['reason'], string> = {
  'permission-denied': 'Camera and microphone permission was denied. You joined without media.',
  'no-device': 'No camera or microphone was found. You joined without media.',
  'device-busy': 'The camera or microphone is in use by another application. You joined without media.',
  overconstrained: 'No camera or microphone can do what was asked. You joined without media.',
  'insecure-context': 'Camera and microphone need HTTPS (or localhost). You joined without media.',
  unsupported: 'This browser cannot share a camera or microphone here. You joined without media.',
  aborted: 'The camera or microphone request was cut short. You joined without media.',
  'needs-gesture': 'This browser shares a screen only when asked from a click or a key press: press Share screen again.',
};

const RECORD: Record<RecordError['reason'], string> = {
  unsupported: 'This browser cannot record the stage (no WebM recording).',
  'recorder-failed': 'The recording stopped with an error; what was recorded so far can be recovered after a reload.',
  storage: 'The browser’s storage refused the recording (private browsing may forbid it).',
  'storage-full':
    'The disk is full (or this site’s share of it), so recording stopped. What was recorded is kept under “Interrupted recordings”: free some space, then Recover it, or Delete it.',
  'in-use': 'Another tab is using that recording (recording, saving or showing it). Try again once that tab lets go of it or closes.',
  'remux-failed': 'The recording could not be made seekable; it stays in storage and can be recovered after a reload.',
  'not-found': 'That recording is gone, or nothing was recorded.',
  'invalid-state': 'That recording control does not apply right now.',
  disposed: 'That recording has been closed.',
};

const AUDIO: Record<AudioError['reason'], string> = {
  disposed: 'That sound display has been closed.',
  'audio-unavailable': 'This browser could not start sound — no audio output? Levels and speaking lights are off.',
};

/**
 * A sentence for a person about `error`, which may be anything a handler caught. `nameOf`
 * names the member an error is about, when it is about one.
 *
 * @example
 * ```ts
 * humanMessage(new RoomError('room-full', 'the room is full')); // → 'This room is full. Try again later, …'
 * humanMessage(new RoomError('connection-failed', '…', { peerId: 'x1' }), () => 'Bo'); // → 'Could not connect to Bo: …'
 * ```
 */
export function humanMessage(error: unknown, nameOf: (peerId: string) => string | undefined = () => undefined): string {
  if (error instanceof RoomError) {
    const member = (error.peerId && nameOf(error.peerId)) || 'a member of the room';
    // A replacement function, not a string: in a replacement string `$'`, `` $` `` and `$&`
    // are patterns, and a member named so would show as a piece of the sentence instead.
    return ROOM[error.reason].replace('{member}', () => member);
  }
  if (error instanceof MediaAccessError) return MEDIA[error.reason];
  if (error instanceof RecordError) return RECORD[error.reason];
  if (error instanceof AudioError) return AUDIO[error.reason];
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
