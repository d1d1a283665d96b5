import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomError } from '../RoomError.ts';
import { readVideoRoomNews } from './videoRoomNews.ts';

describe('readVideoRoomNews', () => {
  it('reads a join: the members there, publishing or not, with their names and layers', () => {
    const news = readVideoRoomNews({
      videoroom: 'joined',
      room: 42,
      id: 7,
      private_id: 99,
      publishers: [{ id: 1, display: 'Ada', streams: [{ type: 'audio' }, { type: 'video', description: 'layers=3' }] }],
      attendees: [{ id: 2, display: 'Bob' }],
    });
    expect(news).toEqual({
      kind: 'joined',
      id: 7,
      privateId: 99,
      members: [
        { id: 1, name: 'Ada', layers: 3 },
        { id: 2, name: 'Bob', layers: 1 },
      ],
      publishing: [{ id: 1, name: 'Ada', layers: 3 }],
    });
  });

  it('reads arrivals, departures and a stop in publishing', () => {
    expect(readVideoRoomNews({ videoroom: 'event', publishers: [{ id: 3 }] })).toEqual({
      kind: 'arrived',
      members: [{ id: 3, name: undefined, layers: 1 }],
      publishing: true,
    });
    expect(readVideoRoomNews({ videoroom: 'event', joining: { id: 4, display: 'Cyd' } })).toMatchObject({
      kind: 'arrived',
      publishing: false,
    });
    expect(readVideoRoomNews({ videoroom: 'event', leaving: 4 })).toEqual({ kind: 'left', id: 4 });
    expect(readVideoRoomNews({ videoroom: 'event', kicked: 5 })).toEqual({ kind: 'left', id: 5 });
    expect(readVideoRoomNews({ videoroom: 'event', leaving: 'ok' })).toEqual({ kind: 'other' });
    expect(readVideoRoomNews({ videoroom: 'event', unpublished: 6 })).toEqual({ kind: 'unpublished', id: 6 });
  });

  it("reads a subscription's lines, a line whose feed went carrying none", () => {
    expect(
      readVideoRoomNews({
        videoroom: 'updated',
        streams: [
          { mid: '0', type: 'audio', feed_id: 1 },
          { mid: '1', type: 'video', feed_id: 2, active: false },
        ],
      }),
    ).toEqual({
      kind: 'streams',
      streams: [
        { mid: '0', kind: 'audio', feed: 1 },
        { mid: '1', kind: 'video', feed: undefined },
      ],
    });
  });

  it("shows no name that is not a short string: a member's display is another member's words", () => {
    const name = (display: unknown) => {
      const news = readVideoRoomNews({ videoroom: 'event', joining: { id: 1, display } });
      return news instanceof RoomError || news.kind !== 'arrived' ? 'unread' : news.members[0]?.name;
    };
    expect(name('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(name('x'.repeat(65))).toBeUndefined();
    expect(name('')).toBeUndefined();
    expect(name({ toString: 'Ada' })).toBeUndefined();
  });

  it('refuses known kinds of the wrong shape, and lists longer than any room', () => {
    expect(readVideoRoomNews({ videoroom: 'joined' })).toBeInstanceOf(RoomError);
    expect(readVideoRoomNews({ videoroom: 'event', leaving: -1 })).toBeInstanceOf(RoomError);
    expect(readVideoRoomNews({ videoroom: 'event', publishers: Array.from({ length: 257 }, (_, id) => ({ id: id + 1 })) })).toBeInstanceOf(
      RoomError,
    );
    expect((readVideoRoomNews({ videoroom: 'joined' }) as RoomError).reason).toBe('malformed-message');
  });

  it('never throws, whatever the server sends', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(fc.string(), fc.jsonValue()),
          fc.record(
            {
              videoroom: fc.constantFrom('joined', 'event', 'updated', 'attached', 'destroyed', 'talking'),
              id: fc.jsonValue(),
              publishers: fc.jsonValue(),
              leaving: fc.jsonValue(),
              streams: fc.jsonValue(),
            },
            { requiredKeys: ['videoroom'] },
          ),
        ),
        (data) => {
          const news = readVideoRoomNews(data);
          expect(news instanceof RoomError || typeof news.kind === 'string').toBe(true);
        },
      ),
    );
  });
});
