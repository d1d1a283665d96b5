import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../room/protocol.ts';
import { joinRequestFromSearch, joinRequestSearch, roomChoiceFromSearch, roomChoiceSearch, roomLink } from './joinRequest.ts';

describe('joinRequestFromSearch', () => {
  it('reads room, name and media from the link', () => {
    expect(joinRequestFromSearch('?room=jam&name=Ada&media=synthetic')).toEqual({ room: 'jam', name: 'Ada', media: 'synthetic' });
    expect(joinRequestFromSearch('?room=jam&name=Bo&media=none')).toEqual({ room: 'jam', name: 'Bo', media: 'none' });
  });

  it('reads a large room from large=1, and nothing else as one', () => {
    expect(joinRequestFromSearch('?room=class&name=Ada&media=none&large=1')).toEqual({
      room: 'class',
      name: 'Ada',
      media: 'none',
      large: true,
    });
    for (const other of ['large=0', 'large=true', 'large=', 'large', 'Large=1']) {
      expect(joinRequestFromSearch(`?room=class&name=Ada&${other}`)).not.toHaveProperty('large');
    }
  });

  it('shows the join screen for a link without a room or a name (a shared link has only the room)', () => {
    expect(joinRequestFromSearch('')).toBeNull();
    expect(joinRequestFromSearch('?name=Ada')).toBeNull();
    expect(joinRequestFromSearch('?room=jam')).toBeNull();
    expect(joinRequestFromSearch('?room=jam&large=1')).toBeNull();
    expect(joinRequestFromSearch('?room=%20%20&name=Ada')).toBeNull();
  });

  it('falls back to the camera, and cuts a name to what the protocol carries', () => {
    expect(joinRequestFromSearch('?room=jam&name=Ada&media=hologram')).toEqual({ room: 'jam', name: 'Ada', media: 'camera' });
    const long = 'n'.repeat(MAX_NAME_LENGTH + 10);
    expect(joinRequestFromSearch(`?room=jam&name=${long}`)?.name).toHaveLength(MAX_NAME_LENGTH);
  });

  it('keeps names as the text they are', () => {
    expect(joinRequestFromSearch('?room=jam&name=%3Cb%3EAda%3C%2Fb%3E')?.name).toBe('<b>Ada</b>');
  });
});

describe('roomChoiceFromSearch', () => {
  it('reads the room a shared link names, and whether it is a large room', () => {
    expect(roomChoiceFromSearch('?room=jam')).toEqual({ room: 'jam' });
    expect(roomChoiceFromSearch('?room=%20class%20&large=1')).toEqual({ room: 'class', large: true });
    expect(roomChoiceFromSearch('')).toEqual({ room: '' });
  });

  it('reads what roomChoiceSearch writes', () => {
    expect(roomChoiceSearch({ room: 'jam session' })).toBe('?room=jam+session');
    expect(roomChoiceSearch({ room: 'class', large: true })).toBe('?room=class&large=1');
    expect(roomChoiceFromSearch(roomChoiceSearch({ room: 'class', large: true }))).toEqual({ room: 'class', large: true });
  });
});

describe('joinRequestSearch', () => {
  it('makes the link that makes the request again, large or not, never with the passphrase', () => {
    const mesh = { room: 'jam session', name: 'Ada & Bo', media: 'synthetic' } as const;
    const large = { room: 'class', name: 'Cy', media: 'none', large: true } as const;
    expect(joinRequestFromSearch(joinRequestSearch(mesh))).toEqual(mesh);
    expect(joinRequestFromSearch(joinRequestSearch(large))).toEqual(large);
    expect(joinRequestSearch({ ...mesh, large: false })).toBe('?room=jam+session&name=Ada+%26+Bo&media=synthetic');
    expect(joinRequestSearch({ ...large, passphrase: 'open sesame' })).toBe('?room=class&name=Cy&media=none&large=1');
  });
});

describe('roomLink', () => {
  it('links to the room alone, never to a name or a passphrase', () => {
    expect(roomLink('https://hub.local:8443/?room=old&name=Ada#x', 'jam session')).toBe('https://hub.local:8443/?room=jam+session');
  });

  it('says when the room is a large room, so that whoever opens it joins that room', () => {
    const link = roomLink('https://hub.local:8443/?room=old&name=Ada', 'class', { large: true });
    expect(link).toBe('https://hub.local:8443/?room=class&large=1');
    expect(roomChoiceFromSearch(new URL(link).search)).toEqual({ room: 'class', large: true });
  });
});
