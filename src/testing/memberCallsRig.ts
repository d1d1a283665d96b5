/**
 * The rig of the MemberCalls tests (src/room/MemberCalls.test.ts): channels, links, calls and a
 * session played by hand.
 */
import { BehaviorSubject, EMPTY, Observable, of, ReplaySubject } from 'rxjs';
import { vi } from 'vitest';
import type { Call } from '../rtc/Call.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { CallOptions, PeerSession } from '../rtc/PeerSession.ts';
import { MemberCalls, type CallsLink } from '../room/MemberCalls.ts';

export const WAIT_MS = 10_000;
export const LINK_LABEL = 'peerstage-room';

/** A link's channel to `remoteId`, open until `close`d. */
export function fakeChannel(remoteId: string) {
  const closed$ = new ReplaySubject<void>(1);
  const channel = { remoteId, closed$ } as unknown as DataChannel;
  return { channel, close: () => closed$.next() };
}

/**
 * An incoming call from `remoteId` that connects at once and brings `stream` (and `carried`,
 * the link's channel, when its metadata says it carries one); tells how it was answered and
 * when it is hung up.
 */
export function incomingCall(remoteId: string, stream: MediaStream, metadata: unknown = { room: 'jam' }, carried?: DataChannel) {
  const state = { answered: 0, hungUp: 0, answeredWith: undefined as unknown };
  const call = {
    remoteId,
    remoteStream$: new BehaviorSubject<MediaStream | null>(stream),
    channel$: carried ? of(carried) : EMPTY,
  } as unknown as Call;
  const incoming = {
    remoteId,
    metadata,
    answer: (_stream: MediaStream | undefined, options: unknown) =>
      new Observable<Call>((subscriber) => {
        state.answered += 1;
        state.answeredWith = options;
        subscriber.next(call);
        return () => (state.hungUp += 1);
      }),
  } as unknown as IncomingCall;
  return { incoming, call, state };
}

export function fakeLink(remoteId: string, channel = fakeChannel(remoteId).channel) {
  return { remoteId, channel, stream: { next: vi.fn() }, call: { next: vi.fn() } } satisfies CallsLink;
}

export const streamNamed = (id: string) => ({ id }) as unknown as MediaStream;

/** This member shares nothing, so it places no calls: what is under test is what comes in. */
export function receiveOnly(onIncomingLink: (channel: DataChannel) => void = () => undefined): MemberCalls {
  // Sharing nothing, it never calls: its session is never used.
  const calls = new MemberCalls({} as PeerSession, { roomId: 'jam', shared: undefined, waitForLinkMs: WAIT_MS, linkLabel: LINK_LABEL });
  calls.incomingLinks$.subscribe(onIncomingLink);
  return calls;
}

/**
 * A session whose calls stay pending until they `connect` (bringing `carried` as the call's
 * channel) or `fail`; tells which were placed, with what options, and which were hung up.
 */
export function callingSession() {
  const placed: { remoteId: string; options: CallOptions; hungUp: boolean; connect: (carried?: DataChannel) => void; fail: () => void }[] =
    [];
  const session = {
    call: (remoteId: string, _stream: MediaStream, options: CallOptions) =>
      new Observable<Call>((subscriber) => {
        const entry = {
          remoteId,
          options,
          hungUp: false,
          connect: (carried?: DataChannel) => subscriber.next({ remoteId, channel$: carried ? of(carried) : EMPTY } as unknown as Call),
          fail: () => subscriber.error(new Error(`${remoteId} did not answer`)),
        };
        placed.push(entry);
        return () => (entry.hungUp = true);
      }),
  } as unknown as PeerSession;
  const live = () => placed.filter((entry) => !entry.hungUp).map((entry) => entry.remoteId);
  return { session, placed, live };
}

/** This member shares a stream (with no tracks: gating them is gatedStream's own test), so it places calls. */
export function sharing() {
  const { session, placed, live } = callingSession();
  const calls = new MemberCalls(session, { roomId: 'jam', shared: new MediaStream(), waitForLinkMs: WAIT_MS, linkLabel: LINK_LABEL });
  return { calls, placed, live };
}
