/**
 * IceRestarts on real RTCPeerConnections: two in one page, kept as PeerJS's would be, their
 * restarts posted through a stand-in for the signaling server. A page cannot take its network
 * down (e2e/pathLoss.spec.ts kills a real relay), so the test tells the offering side its ICE
 * is disconnected, as the browser would; everything after that — the ICE-restart offer and answer, the
 * new ICE credentials on both sides, the same channel carrying on — is the browsers' own.
 */
import EventEmitter from 'eventemitter3';
import { firstValueFrom, fromEvent, filter } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSocket } from '../testing/fakePeerJs.ts';
import { IceRestarts, type IceRestartPolicy } from './IceRestarts.ts';
import { SignalingPost } from './signalingPost.ts';

const FAST: IceRestartPolicy = { disconnectedGraceMs: 200, retryMs: 2_000, giveUpAfterMs: 30_000 };

/** A PeerJS connection's members IceRestarts uses, around a real RTCPeerConnection. */
class Connection extends EventEmitter {
  readonly connectionId = 'mc_test';
  readonly peerConnection = new RTCPeerConnection({ iceServers: [] });
  closed = false;
  readonly peer: string;
  constructor(peer: string) {
    super();
    this.peer = peer;
    // What PeerJS does: close the connection once its ICE fails.
    this.peerConnection.oniceconnectionstatechange = () => {
      if (this.peerConnection.iceConnectionState === 'failed') this.close();
    };
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peerConnection.close();
    this.emit('close');
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Two posts whose sends reach each other, as the server relays them. */
function postsBetween(ada: string, bo: string): [SignalingPost, SignalingPost] {
  const adaSocket = new FakeSocket();
  const boSocket = new FakeSocket();
  adaSocket.send = (message) => void setTimeout(() => boSocket.emit('message', { ...message, src: ada }));
  boSocket.send = (message) => void setTimeout(() => adaSocket.emit('message', { ...message, src: bo }));
  return [new SignalingPost(adaSocket), new SignalingPost(boSocket)];
}

/** Ada's connection to Bo and Bo's to Ada, connected, with an ordered channel open both ways. */
async function connectedPair() {
  const dialer = new Connection('bo');
  const answerer = new Connection('ada');
  cleanups.push(
    () => dialer.close(),
    () => answerer.close(),
  );
  const sent = dialer.peerConnection.createDataChannel('link', { negotiated: true, id: 0 });
  const received = answerer.peerConnection.createDataChannel('link', { negotiated: true, id: 0 });
  for (const [from, to] of [
    [dialer, answerer],
    [answerer, dialer],
  ] as const) {
    from.peerConnection.onicecandidate = ({ candidate }) => void (candidate && to.peerConnection.addIceCandidate(candidate));
  }
  await dialer.peerConnection.setLocalDescription();
  await answerer.peerConnection.setRemoteDescription(dialer.peerConnection.localDescription!);
  await answerer.peerConnection.setLocalDescription();
  await dialer.peerConnection.setRemoteDescription(answerer.peerConnection.localDescription!);
  await Promise.all(
    [sent, received].map((channel) => (channel.readyState === 'open' ? undefined : firstValueFrom(fromEvent(channel, 'open')))),
  );
  return { dialer, answerer, sent, received };
}

/** The ICE username fragment of `description`. */
const ufragOf = (description: RTCSessionDescription | null) => /a=ice-ufrag:(\S+)/.exec(description?.sdp ?? '')?.[1];

/** Makes `pc` say its ICE is disconnected, as the browser does when the path is gone. */
function iceSaysDisconnected(pc: RTCPeerConnection): () => void {
  Object.defineProperty(pc, 'iceConnectionState', { configurable: true, get: () => 'disconnected' });
  pc.dispatchEvent(new Event('iceconnectionstatechange'));
  // Back to the browser's own state, told as the browser tells a change.
  return () => {
    delete (pc as { iceConnectionState?: unknown }).iceConnectionState;
    pc.dispatchEvent(new Event('iceconnectionstatechange'));
  };
}

describe('IceRestarts', () => {
  it('restarts ICE on the same connections when the path fails, and their channel carries on', async () => {
    const { dialer, answerer, sent, received } = await connectedPair();
    const [adaPost, boPost] = postsBetween('ada', 'bo');
    const adaRestarts = new IceRestarts(adaPost, FAST);
    const boRestarts = new IceRestarts(boPost, FAST);
    cleanups.push(
      () => adaRestarts.dispose(),
      () => boRestarts.dispose(),
    );
    adaRestarts.keep(dialer, 'offerer');
    boRestarts.keep(answerer, 'answerer');
    const ufragsBefore = [ufragOf(dialer.peerConnection.localDescription), ufragOf(answerer.peerConnection.localDescription)];

    const answered = firstValueFrom(
      fromEvent(answerer.peerConnection, 'signalingstatechange').pipe(filter(() => answerer.peerConnection.signalingState === 'stable')),
    );
    const realState = iceSaysDisconnected(dialer.peerConnection);
    await answered;
    await expect.poll(() => dialer.peerConnection.signalingState).toBe('stable');
    realState();

    // New ICE credentials on both sides, agreed through the posts.
    const ufragsAfter = [ufragOf(dialer.peerConnection.localDescription), ufragOf(answerer.peerConnection.localDescription)];
    expect(ufragsAfter[0]).not.toBe(ufragsBefore[0]);
    expect(ufragsAfter[1]).not.toBe(ufragsBefore[1]);
    expect(ufragOf(answerer.peerConnection.remoteDescription)).toBe(ufragsAfter[0]);
    expect(ufragOf(dialer.peerConnection.remoteDescription)).toBe(ufragsAfter[1]);
    // The connection lives, its channel too.
    expect(dialer.closed).toBe(false);
    const arrived = firstValueFrom(fromEvent<MessageEvent>(received, 'message'));
    sent.send('after the restart');
    expect((await arrived).data).toBe('after the restart');
  });

  it('closes a lost connection whose other side never restarts it (it closed its end; its hang-up was lost)', async () => {
    const { dialer, answerer } = await connectedPair();
    const [, boPost] = postsBetween('ada', 'bo');
    const boRestarts = new IceRestarts(boPost, FAST);
    cleanups.push(() => boRestarts.dispose());
    boRestarts.keep(answerer, 'answerer');
    iceSaysDisconnected(answerer.peerConnection);
    // Nobody offers a restart: closed once one was due (grace + two restarts' time), not after giveUpAfterMs.
    await new Promise((resolve) => setTimeout(resolve, 2 * FAST.disconnectedGraceMs + 2 * FAST.retryMs + 1_000));
    expect(answerer.closed).toBe(true);
    expect(dialer.closed).toBe(false);
  });

  it('closes a lost connection whose restarts nobody answers', async () => {
    const { dialer } = await connectedPair();
    const [adaPost] = postsBetween('ada', 'bo');
    const adaRestarts = new IceRestarts(adaPost, FAST);
    cleanups.push(() => adaRestarts.dispose());
    adaRestarts.keep(dialer, 'offerer');
    iceSaysDisconnected(dialer.peerConnection);
    await new Promise((resolve) => setTimeout(resolve, 3 * FAST.retryMs + 500));
    expect(dialer.closed).toBe(true);
  });

  it('answers only a restart that keeps the media as it is', async () => {
    const { dialer, answerer } = await connectedPair();
    const [adaPost, boPost] = postsBetween('ada', 'bo');
    const boRestarts = new IceRestarts(boPost, FAST);
    cleanups.push(() => boRestarts.dispose());
    boRestarts.keep(answerer, 'answerer');
    // An offer that adds a video section: a renegotiation, not a restart.
    dialer.peerConnection.addTransceiver('video');
    const offer = await dialer.peerConnection.createOffer({ iceRestart: true });
    const answers: unknown[] = [];
    adaPost.received$.subscribe((each) => answers.push(each));
    adaPost.send('bo', { kind: 'restart-offer', connectionId: 'mc_test', generation: 1, sdp: offer.sdp! });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answers).toEqual([]);
    expect(answerer.peerConnection.getTransceivers()).toHaveLength(0);
    expect(answerer.peerConnection.signalingState).toBe('stable');
  });

  it("takes no restart for a connection from a peer that is not that connection's", async () => {
    const { answerer } = await connectedPair();
    const [malloryPost, boPost] = postsBetween('mallory', 'bo');
    const boRestarts = new IceRestarts(boPost, FAST);
    cleanups.push(() => boRestarts.dispose());
    boRestarts.keep(answerer, 'answerer');
    const before = ufragOf(answerer.peerConnection.remoteDescription);
    const stranger = new RTCPeerConnection();
    cleanups.push(() => stranger.close());
    stranger.createDataChannel('x');
    const offer = await stranger.createOffer();
    malloryPost.send('bo', { kind: 'restart-offer', connectionId: 'mc_test', generation: 1, sdp: offer.sdp! });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ufragOf(answerer.peerConnection.remoteDescription)).toBe(before);
    expect(answerer.peerConnection.signalingState).toBe('stable');
  });
});
