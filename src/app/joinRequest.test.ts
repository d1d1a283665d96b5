import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../room/protocol.ts';
import { joinRequestFromSearch, roomLink } from './joinRequest.ts';

describe('joinRequestFromSearch', () => {
  it('reads room, name and media from the link', () => {
    expect(joinRequestFromSearch('?room=jam&name=Ada&media=synthetic')).toEqual({ room: 'jam', name: 'Ada', media: 'synthetic' });
    expect(joinRequestFromSearch('?room=jam&name=Bo&media=none')).toEqual({ room: 'jam', name: 'Bo', media: 'none' });
  });

  it('shows the join screen for a link without a room or a name (a shared link has only the room)', () => {
    expect(joinRequestFromSearch('')).toBeNull();
    expect(joinRequestFromSearch('?name=Ada')).toBeNull();
    expect(joinRequestFromSearch('?room=jam')).toBeNull();
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

describe('roomLink', () => {
  it('links to the room alone, never to a name or a passphrase', () => {
    expect(roomLink('https://hub.local:8443/?room=old&name=Ada#x', 'jam session')).toBe('https://hub.local:8443/?room=jam+session');
  });
});
