import { describe, expect, it } from 'vitest';
import { parseRecordingMeta } from './RecordingMeta.ts';

const GOOD = {
  version: 1,
  id: 'rec-1',
  room: 'jam',
  startedAt: 1_795_000_000_000,
  mimeType: 'video/webm;codecs=vp9,opus',
  finished: false,
};

describe('parseRecordingMeta', () => {
  it('reads a record back as it was written', () => {
    expect(parseRecordingMeta(JSON.stringify(GOOD))).toEqual(GOOD);
  });

  it('gives null for half-written, foreign or newer records instead of throwing', () => {
    expect(parseRecordingMeta('{"version":1,"id":"rec-1","sta')).toBeNull();
    expect(parseRecordingMeta('null')).toBeNull();
    expect(parseRecordingMeta(JSON.stringify({ ...GOOD, version: 2 }))).toBeNull();
    expect(parseRecordingMeta(JSON.stringify({ ...GOOD, finished: 'yes' }))).toBeNull();
    expect(parseRecordingMeta(JSON.stringify({ ...GOOD, startedAt: null }))).toBeNull();
    expect(parseRecordingMeta(JSON.stringify({ ...GOOD, id: '' }))).toBeNull();
  });
});
