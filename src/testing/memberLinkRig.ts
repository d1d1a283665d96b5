/**
 * The rig of the MemberLink tests (src/room/MemberLink.*.test.ts): Bob's end of the channel played
 * by hand, the link's events as mocks, and virtual time. Each test file fakes the timers itself.
 */
import { asyncScheduler, ReplaySubject, Subject } from 'rxjs';
import { expect, vi } from 'vitest';
import type { DataChannel } from '../rtc/DataChannel.ts';
import type { ConnectionError } from '../rtc/errors.ts';
import { prove, type AdmissionKey } from '../room/admission.ts';
import type { HeartbeatPolicy } from '../room/heartbeatPolicy.ts';
import type { LinkEnd, LinkEvent } from '../room/LinkEvent.ts';
import { MemberLink } from '../room/MemberLink.ts';
import { decodeWireMessage, wire, type WireBody, type WireMessage } from '../room/protocol.ts';
import { RoomError } from '../room/RoomError.ts';
import type { VideoSize } from '../room/splitUplink.ts';

export const ADA = 'ada-id';
export const BOB = 'bob-id';

/**
 * The members of a DataChannel a MemberLink uses, played by hand: the test is Bob, the link
 * is Ada's end. Everything the link does to the channel goes into one `log`, in order.
 */
export class FakeChannel {
  readonly remoteId = BOB;
  readonly incoming = new Subject<unknown>();
  readonly channelErrors = new Subject<ConnectionError>();
  readonly closedOnce = new ReplaySubject<void>(1);
  readonly messages$ = this.incoming.asObservable();
  readonly errors$ = this.channelErrors.asObservable();
  readonly closed$ = this.closedOnce.asObservable();
  isOpen = true;
  /** What `send` answers with; a test may make it reject. */
  sendResult: () => Promise<void> = () => Promise.resolve();
  readonly log: Array<
    { readonly at: number; readonly what: 'close' } | { readonly at: number; readonly what: 'send'; readonly message: WireMessage }
  > = [];

  readonly close = vi.fn(() => {
    this.log.push({ at: Date.now(), what: 'close' });
    if (!this.isOpen) return;
    // As the real channel does: it stops and completes messages$.
    this.isOpen = false;
    this.incoming.complete();
    this.closedOnce.next();
    this.closedOnce.complete();
  });

  send(value: unknown): Promise<void> {
    // What Bob would read: after JSON, through his decoder.
    const message = decodeWireMessage(JSON.parse(JSON.stringify(value)), ADA);
    if (message instanceof RoomError) throw message;
    this.log.push({ at: Date.now(), what: 'send', message });
    return this.sendResult();
  }

  /** Bob sends `body` to Ada's link. */
  hear(body: WireBody): void {
    this.incoming.next(JSON.parse(JSON.stringify(wire(body))));
  }

  /** The messages the link sent, in order. */
  get sent(): WireMessage[] {
    return this.log.flatMap((entry) => (entry.what === 'send' ? [entry.message] : []));
  }

  sentAt(kind: WireMessage['t']): number[] {
    return this.log.flatMap((entry) => (entry.what === 'send' && entry.message.t === kind ? [entry.at] : []));
  }
}

/** Mocks, one per kind of event, called with the link and the event's fields as it tells them. */
export function recordEvents() {
  return {
    admitted: vi.fn<(link: MemberLink, name: string | undefined) => void>(),
    listed: vi.fn<(link: MemberLink, members: Extract<LinkEvent, { type: 'listed' }>['members']) => void>(),
    data: vi.fn<(link: MemberLink, data: unknown, direct: boolean) => void>(),
    view: vi.fn<(link: MemberLink, size: VideoSize | null) => void>(),
    refused: vi.fn<(link: MemberLink, outcome: Extract<LinkEvent, { type: 'refused' }>['outcome']) => void>(),
    error: vi.fn<(error: RoomError) => void>(),
    ended: vi.fn<(link: MemberLink, why: LinkEnd) => void>(),
  };
}

/** Calls `events`' mock for each of `link`'s events. */
export function dispatchTo(events: ReturnType<typeof recordEvents>, link: MemberLink): void {
  link.events$.subscribe((event) => {
    if (event.type === 'admitted') events.admitted(link, event.name);
    else if (event.type === 'listed') events.listed(link, event.members);
    else if (event.type === 'data') events.data(link, event.data, event.direct);
    else if (event.type === 'view') events.view(link, event.size);
    else if (event.type === 'refused') events.refused(link, event.outcome);
    else if (event.type === 'error') events.error(event.error);
    else events.ended(link, event.why);
  });
}

export interface SetupOptions {
  readonly heartbeat?: HeartbeatPolicy;
  /** What Bob's connection says when asked how long it has heard nothing; default: cannot tell. */
  readonly transportQuietMs?: () => Promise<number | undefined>;
  readonly handshakeTimeoutMs?: number;
  readonly key?: AdmissionKey;
  readonly joinedThroughDirectory?: boolean;
}

export const HEARTBEAT: HeartbeatPolicy = { heartbeatMs: 1_000, leaveAfterMs: 3_500 };

export function setup(options: SetupOptions = {}) {
  const channel = new FakeChannel();
  const events = recordEvents();
  const link = new MemberLink(
    channel as unknown as DataChannel,
    ADA,
    { roomId: 'jam', selfId: ADA, remoteId: BOB, name: 'Ada', key: options.key ?? null, refusal: () => null },
    // The async scheduler runs on the faked setInterval and Date: virtual time, injected.
    {
      heartbeat: options.heartbeat ?? HEARTBEAT,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      scheduler: asyncScheduler,
      transportQuietMs: options.transportQuietMs ?? (() => Promise.resolve(undefined)),
      joinedThroughDirectory: options.joinedThroughDirectory,
    },
  );
  dispatchTo(events, link);
  return { channel, events, link };
}

/** Lets the link's message queue (promises, crypto) run; a real macrotask drains it. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Moves virtual time on by `ms`, letting promises run between timers. */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

/** The fake channel shows no connection: both ends bind the same empty pair of fingerprints. */
export const NO_FINGERPRINTS = { prover: '', verifier: '' };

/**
 * Plays Bob, whom Ada dialed, through a handshake without a passphrase (hello; then, once
 * Ada's proof is in, his proof and intro): Ada admits him.
 */
export async function admit({ channel, link, events }: ReturnType<typeof setup>): Promise<void> {
  link.start();
  const hello = channel.sent[0];
  if (hello?.t !== 'hello') throw new Error('the link did not start with hello');
  channel.hear({ t: 'hello', room: 'jam', nonce: 'bob-nonce' });
  channel.hear({ t: 'proof', proof: await prove(null, hello.nonce, BOB, ADA, NO_FINGERPRINTS) });
  channel.hear({ t: 'intro', name: 'Bob' });
  await settle();
  expect(events.admitted).toHaveBeenCalledOnce();
}
