import { describe, expect, it } from 'vitest';
import { AudioError } from '../audio/AudioError.ts';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import { RecordError } from '../record/RecordError.ts';
import { RoomError } from '../room/RoomError.ts';
import { humanMessage } from './humanMessage.ts';

describe('humanMessage', () => {
  it('tells what happened and what the page does, for the failures people meet', () => {
    expect(humanMessage(new RoomError('room-full', 'full'))).toMatch(/room is full/);
    expect(humanMessage(new RoomError('wrong-passphrase', 'no'))).toMatch(/Wrong passphrase/);
    expect(humanMessage(new RoomError('signaling-unavailable', 'lost'))).toMatch(/reconnecting/);
    expect(humanMessage(new MediaAccessError('permission-denied', 'denied'))).toMatch(/denied\. You joined without media/);
    expect(humanMessage(new MediaAccessError('no-device', 'none'))).toMatch(/No camera/);
    expect(humanMessage(new RecordError('storage', 'refused'))).toMatch(/storage refused the recording/);
    expect(humanMessage(new RecordError('storage-full', 'quota'))).toMatch(
      /^The disk is full .* recording stopped\. What was recorded is kept/,
    );
    expect(humanMessage(new RecordError('in-use', 'locked'))).toMatch(/^Another tab is using that recording/);
  });

  it('says that sound could not start, and what goes with it', () => {
    expect(humanMessage(new AudioError('audio-unavailable', 'did not start within 3000 ms'))).toBe(
      'This browser could not start sound — no audio output? Levels and speaking lights are off.',
    );
  });

  it('names the member a connection failed with, when it is known', () => {
    const failed = new RoomError('connection-failed', 'gave up', { peerId: 'x1' });
    expect(humanMessage(failed, (id) => (id === 'x1' ? 'Bo' : undefined))).toMatch(/^Could not connect to Bo:/);
    expect(humanMessage(failed)).toMatch(/^Could not connect to a member of the room:/);
  });

  it("shows a member named with replacement patterns ($', $`, $&, $$) exactly as typed", () => {
    const failed = new RoomError('connection-failed', 'gave up', { peerId: 'x1' });
    for (const name of ["$'", '$`', '$&', '$$', "a$'b$`c$&d$$e$1"]) {
      expect(humanMessage(failed, () => name)).toBe(`Could not connect to ${name}: their network or browser may block it.`);
    }
  });

  it('still says something for errors it does not know', () => {
    expect(humanMessage(new Error('boom'))).toBe('Something went wrong: boom');
    expect(humanMessage('odd')).toBe('Something went wrong: odd');
  });
});
