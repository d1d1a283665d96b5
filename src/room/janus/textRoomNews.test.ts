import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomError } from '../RoomError.ts';
import { MAX_JANUS_MESSAGE_LENGTH, readTextRoomNews } from './textRoomNews.ts';

const reasonOf = (frame: unknown) => {
  const news = readTextRoomNews(frame);
  return news instanceof RoomError ? news.reason : news.textroom;
};

describe('readTextRoomNews', () => {
  it('reads messages, whispers and answers', () => {
    expect(readTextRoomNews(JSON.stringify({ textroom: 'message', room: 1, from: '42', date: 'now', text: '{"a":1}' }))).toEqual({
      textroom: 'message',
      from: '42',
      text: '{"a":1}',
      whisper: false,
    });
    expect(readTextRoomNews(JSON.stringify({ textroom: 'message', from: '42', text: 'x', whisper: true }))).toMatchObject({
      whisper: true,
    });
    expect(readTextRoomNews('{"textroom":"success","transaction":"t1"}')).toEqual({ textroom: 'success', transaction: 't1' });
    expect(readTextRoomNews('{"textroom":"error","transaction":"t2","error_code":419,"error":"Unauthorized"}')).toMatchObject({
      error_code: 419,
    });
  });

  it('refuses a frame too long before parsing it, and frames that are no TextRoom frame', () => {
    const long = JSON.stringify({ textroom: 'message', from: '42', text: 'x'.repeat(MAX_JANUS_MESSAGE_LENGTH + 2_000) });
    expect(reasonOf(long)).toBe('message-too-large');
    expect(reasonOf(JSON.stringify({ textroom: 'message', from: '42', text: 'x'.repeat(MAX_JANUS_MESSAGE_LENGTH + 1) }))).toBe(
      'malformed-message',
    );
    expect(reasonOf('not json')).toBe('malformed-message');
    expect(reasonOf(new ArrayBuffer(4))).toBe('malformed-message');
    expect(reasonOf('{"textroom":"message","from":"","text":"x"}')).toBe('malformed-message');
    expect(reasonOf('{"textroom":"announcement","text":"x"}')).toBe('unknown-message');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.anything(),
        ),
        (frame) => {
          const news = readTextRoomNews(frame);
          expect(news instanceof RoomError || typeof news.textroom === 'string').toBe(true);
        },
      ),
    );
  });
});
