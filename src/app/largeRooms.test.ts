import { describe, expect, it } from 'vitest';
import { janusServerFor } from '../room/janus/janusServerFor.ts';
import { RoomError } from '../room/RoomError.ts';
import { humanMessage } from './humanMessage.ts';
import { LARGE_ROOM_ADVICE, offersLargeRooms, refusalText, roomPlace } from './largeRooms.ts';

const page = { protocol: 'https:', host: 'hub.example' } as const;
const servers = ['/janus/0', '/janus/1', '/janus/2'];
const withJanus = { iceServers: [{ urls: 'turn:10.201.0.1:3478', username: 'u', credential: 'c' }], janus: servers };

describe('offersLargeRooms', () => {
  it('offers them only when the server lists a Janus server', () => {
    expect(offersLargeRooms(withJanus)).toBe(true);
    expect(offersLargeRooms({ iceServers: [] })).toBe(false);
    expect(offersLargeRooms({ iceServers: [], janus: [] })).toBe(false);
  });
});

describe('roomPlace', () => {
  it('leaves a mesh room on the mesh, with or without Janus', () => {
    expect(roomPlace({ room: 'jam' }, withJanus, page)).toEqual({ kind: 'mesh' });
    expect(roomPlace({ room: 'jam' }, { iceServers: [] }, page)).toEqual({ kind: 'mesh' });
  });

  it("puts a large room on the Janus server its name maps to, over the page's scheme, with the server's ICE servers", () => {
    const place = roomPlace({ room: 'class', large: true }, withJanus, page);
    if (place.kind !== 'large') throw new Error(`expected a large room, got ${place.kind}`);
    expect(place.url).toBe(`wss://hub.example${janusServerFor('class', servers)}`);
    expect(place.join.transport?.name).toBe('janus');
    expect(place.join.iceServers).toEqual(withJanus.iceServers);
    // Every member's page agrees, whatever order its server lists them in.
    const reordered = roomPlace({ room: 'class', large: true }, { ...withJanus, janus: [...servers].reverse() }, page);
    expect(reordered).toMatchObject({ url: place.url });
  });

  it('finds no place for a large room where no Janus server is listed, or none that makes a URL here', () => {
    expect(roomPlace({ room: 'class', large: true }, { iceServers: [] }, page)).toEqual({ kind: 'unavailable' });
    expect(roomPlace({ room: 'class', large: true }, { iceServers: [], janus: ['ftp://elsewhere/'] }, page)).toEqual({
      kind: 'unavailable',
    });
  });
});

describe('refusalText', () => {
  const full = new RoomError('room-full', 'the room has 8 members and takes 8');

  it('suggests a large room when a mesh room is full and the server has Janus', () => {
    expect(refusalText(full, { largeRoomsOffered: true })).toBe(`${humanMessage(full)} ${LARGE_ROOM_ADVICE}`);
  });

  it('suggests nothing it cannot give: no Janus, an already large room, another refusal', () => {
    expect(refusalText(full, { largeRoomsOffered: false })).toBe(humanMessage(full));
    expect(refusalText(full, { large: true, largeRoomsOffered: true })).toBe(humanMessage(full));
    const wrong = new RoomError('wrong-passphrase', 'no');
    expect(refusalText(wrong, { largeRoomsOffered: true })).toBe(humanMessage(wrong));
  });
});
