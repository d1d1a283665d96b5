import type { Peer } from 'peerjs';
import { BehaviorSubject, NEVER, Subject, throwError, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { PeerSession, SessionState } from '../rtc/PeerSession.ts';
import { FakePeer } from '../testing/fakePeerJs.ts';
import { DIRECTORY_LABEL, JOIN_LABEL } from './DirectoryDesk.ts';
import { DirectorySearch, type DirectorySearchContext } from './DirectorySearch.ts';
import { rendezvousId } from './rendezvousId.ts';

const ROOM = 'jam';
const RENDEZVOUS = rendezvousId(ROOM);

/**
 * A search for the room `jam` by the member `bob`: the rendezvous Peers it registers are fakes
 * the test plays the server for; `dial` answers bob's own session's dials.
 */
function searchAsBob(options: { joined?: boolean; dial?: (remoteId: string) => Observable<DataChannel> } = {}) {
  const rendezvousPeers: FakePeer[] = [];
  const ownState = new BehaviorSubject<SessionState>('open');
  const connect = vi.fn((remoteId: string, _options: { label?: string }) => options.dial?.(remoteId) ?? NEVER);
  const ownSession = { id: 'bob', state$: ownState, connect } as unknown as PeerSession;
  const context: DirectorySearchContext = {
    roomId: ROOM,
    maxMembers: 8,
    position: () => ({
      session: ownSession,
      rendezvousId: RENDEZVOUS,
      key: Promise.resolve(null),
      joined: options.joined ?? false,
      sessionOptions: {
        iceServers: [],
        signaling: { host: '127.0.0.1', port: 9, path: '/peerjs' },
        createPeer: (id, peerOptions) => {
          const peer = new FakePeer(id, peerOptions, () => Date.now());
          rendezvousPeers.push(peer);
          return peer as unknown as Peer;
        },
      },
    }),
    handshake: (remoteId) => ({ roomId: ROOM, selfId: 'bob', remoteId, name: undefined, key: Promise.resolve(null), refusal: () => null }),
    listing: () => [{ id: 'bob' }],
  };
  const search = new DirectorySearch(context);
  // One mock per kind of event the search tells, called with the event.
  const events = { holding: vi.fn(), joiner: vi.fn(), 'join-channel': vi.fn(), listed: vi.fn(), error: vi.fn() };
  search.events$.subscribe((event) => events[event.type](event));
  const rendezvousPeer = (index: number): FakePeer => {
    const peer = rendezvousPeers[index];
    if (!peer) throw new Error(`no rendezvous Peer number ${index}: ${rendezvousPeers.length} were made`);
    return peer;
  };
  return { search, rendezvousPeers, rendezvousPeer, ownState, connect, events };
}

const takenByAnother = (peer: FakePeer) => peer.failsBeforeOpen('unavailable-id', `ID "${RENDEZVOUS}" is taken`);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('DirectorySearch', () => {
  it('holds the directory when nobody does, once both its registrations are through', () => {
    const { search, rendezvousPeers, rendezvousPeer, ownState, events } = searchAsBob();
    ownState.next('connecting');
    search.find();
    expect(rendezvousPeer(0).id).toBe(RENDEZVOUS);
    rendezvousPeer(0).serverOpens();
    // The directory lists this member: not before it has its own ID.
    expect(events.holding).not.toHaveBeenCalled();
    ownState.next('open');
    expect(events.holding).toHaveBeenCalledTimes(1);
    // Holding, it does not search again.
    search.find();
    expect(rendezvousPeers).toHaveLength(1);
  });

  it('joins on a channel to the directory someone else holds, while not in the room yet', () => {
    const channel = { remoteId: RENDEZVOUS } as DataChannel;
    const { search, rendezvousPeer, connect, events } = searchAsBob({ dial: () => new BehaviorSubject(channel) });
    search.find();
    takenByAnother(rendezvousPeer(0));
    expect(connect).toHaveBeenCalledWith(RENDEZVOUS, expect.objectContaining({ label: JOIN_LABEL }));
    expect(events['join-channel']).toHaveBeenCalledWith(expect.objectContaining({ channel }));
    expect(events.holding).not.toHaveBeenCalled();
  });

  it('asks the directory for the list alone once in the room (back from an outage)', () => {
    const { search, rendezvousPeers, rendezvousPeer, connect, events } = searchAsBob({ joined: true, dial: () => new Subject() });
    search.find();
    takenByAnother(rendezvousPeer(0));
    expect(connect).toHaveBeenCalledWith(RENDEZVOUS, expect.objectContaining({ label: DIRECTORY_LABEL }));
    expect(events['join-channel']).not.toHaveBeenCalled();
    // One search at a time: while the directory has not answered, another does nothing.
    search.find();
    expect(rendezvousPeers).toHaveLength(1);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('searches again a moment after the directory cannot be reached', () => {
    const { search, rendezvousPeers, rendezvousPeer } = searchAsBob({ dial: () => throwError(() => new Error('no path')) });
    search.find();
    takenByAnother(rendezvousPeer(0));
    expect(rendezvousPeers).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(rendezvousPeers).toHaveLength(2);
    expect(rendezvousPeer(1).id).toBe(RENDEZVOUS);
  });

  it('gives up the rendezvous ID and any retry when disposed', () => {
    const held = searchAsBob();
    held.search.find();
    held.rendezvousPeer(0).serverOpens();
    held.search.dispose();
    expect(held.rendezvousPeer(0).destroyed).toBe(true);

    const retrying = searchAsBob({ dial: () => throwError(() => new Error('no path')) });
    retrying.search.find();
    takenByAnother(retrying.rendezvousPeer(0));
    retrying.search.dispose();
    vi.advanceTimersByTime(5_000);
    expect(retrying.rendezvousPeers).toHaveLength(1);
  });
});
