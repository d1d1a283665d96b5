import { describe, expect, it } from 'vitest';
import { MAX_ROOM_IN_FILE_NAME, recordingFileName, sanitiseFileNamePart } from './recordingFileName.ts';

const EVENING = new Date(2026, 10, 25, 17, 42, 9);

describe('recordingFileName', () => {
  it('names the room, the local date and the time to the minute', () => {
    expect(recordingFileName({ room: 'jam', date: EVENING })).toBe('peerstage-jam-2026-11-25-1742.webm');
  });

  it('pads months, days, hours and minutes', () => {
    expect(recordingFileName({ room: 'a', date: new Date(2027, 0, 3, 4, 5) })).toBe('peerstage-a-2027-01-03-0405.webm');
  });

  it('turns unsafe characters into single dashes and keeps letters of any script', () => {
    expect(recordingFileName({ room: 'Jam: Friday/Night', date: EVENING })).toBe('peerstage-Jam-Friday-Night-2026-11-25-1742.webm');
    expect(recordingFileName({ room: 'Café 東京 <live>', date: EVENING })).toBe('peerstage-Café-東京-live-2026-11-25-1742.webm');
    expect(recordingFileName({ room: '../../etc/passwd', date: EVENING })).toBe('peerstage-etc-passwd-2026-11-25-1742.webm');
  });

  it('leaves the room out when nothing usable is left of it', () => {
    expect(recordingFileName({ date: EVENING })).toBe('peerstage-2026-11-25-1742.webm');
    expect(recordingFileName({ room: ' ?*: ', date: EVENING })).toBe('peerstage-2026-11-25-1742.webm');
  });

  it('cuts a long room name', () => {
    const name = recordingFileName({ room: 'x'.repeat(500), date: EVENING });
    expect(name).toBe(`peerstage-${'x'.repeat(MAX_ROOM_IN_FILE_NAME)}-2026-11-25-1742.webm`);
  });

  it('takes another prefix and extension', () => {
    expect(recordingFileName({ room: 'r', date: EVENING, prefix: 'stage take', extension: '.mkv' })).toBe(
      'stage-take-r-2026-11-25-1742.mkv',
    );
  });
});

describe('sanitiseFileNamePart', () => {
  it('drops leading dots and dashes, so no hidden files', () => {
    expect(sanitiseFileNamePart('  ../Café  Noir?  ')).toBe('Café-Noir');
    expect(sanitiseFileNamePart('.hidden')).toBe('hidden');
    expect(sanitiseFileNamePart('a\u0000b\nc')).toBe('a-b-c');
  });
});
