import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../testing/fakePeerJs.ts';
import type { ConnectionError } from './errors.ts';
import { askReachable, answerProbes } from './reachability.ts';
import { MAX_POSTED_SDP, SignalingPost, type ReceivedPost } from './signalingPost.ts';

/** A post over a fake socket, and what it received and refused. */
function rig() {
  const socket = new FakeSocket();
  const post = new SignalingPost(socket);
  const received: ReceivedPost[] = [];
  const refused: ConnectionError[] = [];
  post.received$.subscribe((each) => received.push(each));
  post.refused$.subscribe((each) => refused.push(each));
  const arrives = (message: unknown) => socket.emit('message', message);
  return { socket, post, received, refused, arrives };
}

const offer = { kind: 'restart-offer', connectionId: 'mc_abc', generation: 1, sdp: 'v=0\r\n' };

describe('SignalingPost', () => {
  it('sends a post as a CANDIDATE without a connection ID, which PeerJS passes over', () => {
    const { socket, post } = rig();
    post.send('bob', { kind: 'probe', nonce: 'n1' });
    expect(socket.sent).toEqual([{ type: 'CANDIDATE', dst: 'bob', payload: { peerstage: { kind: 'probe', nonce: 'n1' } } }]);
    expect(socket.sent[0]!.payload).not.toHaveProperty('connectionId');
  });

  it('reads a post with the sender the server names', () => {
    const { received, refused, arrives } = rig();
    arrives({ type: 'CANDIDATE', src: 'ada', payload: { peerstage: offer } });
    expect(received).toEqual([{ from: 'ada', post: offer }]);
    expect(refused).toEqual([]);
  });

  it('reads a candidate of a restart, as RTCIceCandidate.toJSON() has it', () => {
    const { received, refused, arrives } = rig();
    const candidate = {
      candidate: 'candidate:1 1 udp 41885439 10.201.0.1 49152 typ relay raddr 0.0.0.0 rport 0',
      sdpMid: '0',
      sdpMLineIndex: 0,
      usernameFragment: 'abcd',
    };
    arrives({
      type: 'CANDIDATE',
      src: 'ada',
      payload: { peerstage: { kind: 'restart-candidate', connectionId: 'mc_abc', generation: 2, candidate } },
    });
    arrives({
      type: 'CANDIDATE',
      src: 'ada',
      payload: {
        peerstage: {
          kind: 'restart-candidate',
          connectionId: 'mc_abc',
          generation: 2,
          candidate: { ...candidate, sdpMid: null, sdpMLineIndex: null, usernameFragment: null },
        },
      },
    });
    expect(received).toHaveLength(2);
    expect(refused).toEqual([]);
  });

  it("leaves PeerJS's own messages alone: candidates of a connection, other types, no sender", () => {
    const { received, refused, arrives } = rig();
    arrives({ type: 'CANDIDATE', src: 'ada', payload: { connectionId: 'dc_1', candidate: {} } });
    arrives({ type: 'CANDIDATE', src: 'ada', payload: { connectionId: 'dc_1', peerstage: offer } });
    arrives({ type: 'OFFER', src: 'ada', payload: { peerstage: offer } });
    arrives({ type: 'CANDIDATE', payload: { peerstage: offer } });
    arrives('CANDIDATE');
    arrives(null);
    expect(received).toEqual([]);
    expect(refused).toEqual([]);
  });

  it.each([
    ['an unknown kind', { kind: 'renegotiate', sdp: 'v=0' }],
    ['an oversized SDP', { ...offer, sdp: 'x'.repeat(MAX_POSTED_SDP + 1) }],
    ['a generation that is not a positive integer', { ...offer, generation: 0.5 }],
    ['an extra field', { ...offer, tracks: ['camera'] }],
    ['no connection ID', { kind: 'restart-answer', generation: 1, sdp: 'v=0' }],
    [
      'an oversized candidate',
      {
        kind: 'restart-candidate',
        connectionId: 'mc_abc',
        generation: 1,
        candidate: { candidate: 'c'.repeat(1025), sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null },
      },
    ],
    [
      'a candidate at a negative line',
      {
        kind: 'restart-candidate',
        connectionId: 'mc_abc',
        generation: 1,
        candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: -1, usernameFragment: null },
      },
    ],
    ['not an object', 'probe'],
  ])('refuses %s with a typed error, and reads on', (_, body) => {
    const { received, refused, arrives } = rig();
    arrives({ type: 'CANDIDATE', src: 'mallory', payload: { peerstage: body } });
    arrives({ type: 'CANDIDATE', src: 'ada', payload: { peerstage: offer } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: 'malformed', peerId: 'mallory' });
    expect(received.map(({ from }) => from)).toEqual(['ada']);
  });

  it('stops reading on dispose', () => {
    const { socket, post, received, arrives } = rig();
    post.dispose();
    arrives({ type: 'CANDIDATE', src: 'ada', payload: { peerstage: offer } });
    expect(received).toEqual([]);
    expect(socket.listenerCount('message')).toBe(0);
  });
});

describe('reachability through the post', () => {
  it('is true when the peer answers the probe, false when it does not within the time allowed', async () => {
    vi.useFakeTimers();
    try {
      const ada = rig();
      const bob = rig();
      // The server relays each side's sends to the other, naming the sender.
      ada.socket.send = (message) => void bob.arrives({ ...message, src: 'ada' });
      bob.socket.send = (message) => void ada.arrives({ ...message, src: 'bob' });
      const answering = answerProbes(bob.post);
      await expect(askReachable(ada.post, 'bob', 1_000)).resolves.toBe(true);
      answering.unsubscribe();
      const unanswered = askReachable(ada.post, 'bob', 1_000);
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(unanswered).resolves.toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not take another peer's reply, or one to another question", async () => {
    vi.useFakeTimers();
    try {
      const ada = rig();
      ada.socket.send = (message) => {
        const { nonce } = (message.payload as { peerstage: { nonce: string } }).peerstage;
        ada.arrives({ type: 'CANDIDATE', src: 'mallory', payload: { peerstage: { kind: 'probe-reply', nonce } } });
        ada.arrives({ type: 'CANDIDATE', src: 'bob', payload: { peerstage: { kind: 'probe-reply', nonce: 'another' } } });
      };
      const answer = askReachable(ada.post, 'bob', 1_000);
      await vi.advanceTimersByTimeAsync(1_000);
      await expect(answer).resolves.toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
