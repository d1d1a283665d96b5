/**
 * A hostile page: a page of the hub's own origin whose script is not the hub's, as anyone can
 * make with the browser's console. It loads PeerJS itself, registers on the hub's `/peerjs`
 * and speaks to members however it likes. Its context bypasses CSP so that the script can be
 * injected whatever the server sends.
 */
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { roomTag } from '../../src/room/roomDirectoryWire.ts';
import { FRAME_HEADER_BYTES, FRAME_VERSION, FrameKind } from '../../src/rtc/binaryFrames.ts';

const PEERJS_SCRIPT = resolve(import.meta.dirname, '../../node_modules/peerjs/dist/peerjs.min.js');

export interface HostilePage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The PeerJS ID it registered. */
  readonly id: string;
  /** The hub's port, where its `/peerjs` is. */
  readonly port: number;
}

/**
 * Opens a page of the hub at `baseURL` in a context of its own, loads PeerJS into it and
 * registers a Peer on the hub's `/peerjs` (no ICE servers: loopback only).
 *
 * @example
 * ```ts
 * const stranger = await openHostilePage(browser, 'http://127.0.0.1:5499');
 * ```
 */
export async function openHostilePage(browser: Browser, baseURL: string): Promise<HostilePage> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // Any page of the origin will do; the hub's own script does nothing there without a room.
  await page.goto(new URL('/', baseURL).href);
  await page.addScriptTag({ path: PEERJS_SCRIPT });
  const port = Number(new URL(baseURL).port);
  const id = await page.evaluate(
    (port) =>
      new Promise<string>((resolveId, reject) => {
        const { Peer } = (globalThis as unknown as { peerjs: typeof import('peerjs') }).peerjs;
        const peer = new Peer({ host: '127.0.0.1', port, path: '/peerjs', config: { iceServers: [] }, debug: 0 });
        (globalThis as unknown as { hostilePeer: unknown }).hostilePeer = peer;
        peer.once('open', resolveId);
        peer.once('error', reject);
      }),
    port,
  );
  return { context, page, id, port };
}

/** Whom a stranger dials, and on which channel labels. */
export interface StrangerTarget {
  readonly peerId: string;
  /** Labels the target accepts channels on from someone it does not know yet. */
  readonly labels: readonly string[];
}

/**
 * How a stranger who knows only a room's name finds a member to dial: it enters the room
 * (one without a passphrase: anyone may) at the hub's room directory, which lists who is
 * there; members take channels labelled `peerstage-room` from anyone and start a handshake.
 * On a server without the directory (a stock PeerServer, or the code before it had one) the
 * room's first member holds its rendezvous ID (`peerstage-room-` + hex of the UTF-8 name),
 * taking newcomers on `peerstage-join` and questions on `peerstage-directory`.
 * The one place to change when discovery changes.
 *
 * @example
 * ```ts
 * const { peerId, labels } = await findMemberToDial(stranger, 'jam');
 * ```
 */
export async function findMemberToDial(stranger: HostilePage, room: string, lock = ''): Promise<StrangerTarget> {
  const listed = await enterDirectory(stranger, room, lock).catch(() => []);
  const member = listed[0];
  if (member !== undefined) return { peerId: member, labels: ['peerstage-room'] };
  const hex = Buffer.from(room, 'utf8').toString('hex');
  return { peerId: `peerstage-room-${hex}`, labels: ['peerstage-join', 'peerstage-directory'] };
}

/** What the page script uses of an RTCDataChannel (this file is checked without the DOM's types). */
interface PageChannel {
  readonly label: string;
  readonly readyState: string;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  send(data: ArrayBuffer): void;
  addEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
  removeEventListener(type: 'bufferedamountlow' | 'close', listener: () => void): void;
}

/** One binary frame in peerstage's framing (src/rtc/binaryFrames.ts), as the hostile page writes it. */
export interface FrameSpec {
  readonly transferId: number;
  readonly byteOffset: number;
  /** The size the frame claims for its whole transfer. */
  readonly totalBytes: number;
  readonly payloadBytes: number;
  /** How many times the same frame is sent. */
  readonly repeat?: number;
}

export interface FloodReport {
  /** Channels that opened, by label. */
  readonly opened: readonly string[];
  readonly framesSent: number;
  readonly bytesSent: number;
}

/**
 * Opens one raw PeerJS channel per entry of `labels` to `peerId`, each from a Peer of its own
 * registered on the same server as the page's, and on each sends `frames`
 * as fast as the channel takes them, before (and instead of) any handshake. Resolves once
 * every frame has left the page. The channels stay open.
 *
 * @example
 * ```ts
 * await flood(stranger, target.peerId, ['peerstage-join'], [{ transferId: 1, byteOffset: 0, totalBytes: 2 ** 28, payloadBytes: 65520 }]);
 * ```
 */
export function flood(
  stranger: HostilePage,
  peerId: string,
  labels: readonly string[],
  frames: readonly FrameSpec[],
): Promise<FloodReport> {
  return stranger.page.evaluate(
    async ({ port, peerId, labels, frames, header }) => {
      const { Peer } = (globalThis as unknown as { peerjs: typeof import('peerjs') }).peerjs;
      const encode = (spec: (typeof frames)[number]): ArrayBuffer => {
        const frame = new Uint8Array(header.bytes + spec.payloadBytes);
        const view = new DataView(frame.buffer);
        view.setUint8(0, header.chunk);
        view.setUint8(1, header.version);
        view.setUint32(4, spec.transferId, true);
        view.setUint32(8, spec.byteOffset, true);
        view.setUint32(12, spec.totalBytes, true);
        frame.fill(0xa5, header.bytes);
        return frame.buffer;
      };
      const opened = await Promise.all(
        labels.map(
          (label) =>
            new Promise<PageChannel | null>((resolveChannel) => {
              // A Peer of its own per channel, as that many strangers: a member may keep one
              // channel per remote ID and close the others.
              const peer = new Peer({ host: '127.0.0.1', port, path: '/peerjs', config: { iceServers: [] }, debug: 0 });
              peer.once('error', () => resolveChannel(null));
              peer.once('open', () => {
                const connection = peer.connect(peerId, { label, serialization: 'raw', reliable: true });
                connection.once('open', () => resolveChannel(connection.dataChannel as unknown as PageChannel));
                connection.once('error', () => resolveChannel(null));
                connection.once('close', () => resolveChannel(null));
              });
            }),
        ),
      );
      const channels = opened.filter((channel): channel is PageChannel => channel !== null);
      let framesSent = 0;
      let bytesSent = 0;
      const drained = (channel: PageChannel) =>
        new Promise<void>((resolveDrained) => {
          if (channel.bufferedAmount <= channel.bufferedAmountLowThreshold || channel.readyState !== 'open') return resolveDrained();
          const done = () => {
            channel.removeEventListener('bufferedamountlow', done);
            channel.removeEventListener('close', done);
            resolveDrained();
          };
          channel.addEventListener('bufferedamountlow', done);
          channel.addEventListener('close', done);
        });
      await Promise.all(
        channels.map(async (channel) => {
          channel.bufferedAmountLowThreshold = 1024 * 1024;
          for (const spec of frames) {
            const frame = encode(spec);
            for (let sent = 0; sent < (spec.repeat ?? 1); sent++) {
              if (channel.readyState !== 'open') return;
              // Stay under Chromium's send queue, which closes a channel that overfills it.
              if (channel.bufferedAmount > 4 * 1024 * 1024) await drained(channel);
              channel.send(frame);
              framesSent++;
              bytesSent += frame.byteLength;
            }
          }
          channel.bufferedAmountLowThreshold = 0;
          await drained(channel);
        }),
      );
      return { opened: channels.map((channel) => channel.label), framesSent, bytesSent };
    },
    { port: stranger.port, peerId, labels, frames, header: { bytes: FRAME_HEADER_BYTES, version: FRAME_VERSION, chunk: FrameKind.Chunk } },
  );
}

/**
 * Enters `room` at the hub's room directory as the stranger's own Peer, as anyone who knows
 * the room's name may, and returns whom the directory lists. A passphrase room lists its
 * members only under its `lock` (see `directoryLock`), which takes the passphrase to derive.
 *
 * @example
 * ```ts
 * const members = await enterDirectory(stranger, 'jam'); // the IDs of those already in 'jam'
 * ```
 */
export async function enterDirectory(stranger: HostilePage, room: string, lock = ''): Promise<string[]> {
  return stranger.page.evaluate(
    async ({ tag, lock }) => {
      const peer = (globalThis as unknown as { hostilePeer: { id: string; options: { token: string } } }).hostilePeer;
      const response = await fetch('/peerjs/peerstage/rooms', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ room: tag, lock, id: peer.id, token: peer.options.token }),
      });
      if (!response.ok) throw new Error(`the directory answered ${response.status}`);
      return ((await response.json()) as { members: string[] }).members;
    },
    { tag: await roomTag(room), lock },
  );
}

/** What a squatter saw and did (kept on the page as `globalThis.squatter`). */
export interface SquatterReport {
  /** Channels members opened to it. */
  connections: number;
  /** Refusals it sent on them. */
  refusalsSent: number;
  /** What the room directory answered its entry. */
  directoryStatus: number;
}

export interface SquatOptions {
  readonly room: string;
  /** The room's rendezvous ID, where members meet on a stock PeerServer. */
  readonly rendezvousId: string;
  /** The protocol version to refuse in, so refusals are read rather than dropped as unknown. */
  readonly version: number;
  /** `nothing`: silence on every channel; `refused`: "room full" and "wrong passphrase" on each. */
  readonly answer: 'nothing' | 'refused';
}

/**
 * Sits wherever a room's members meet: takes the room's rendezvous ID with a Peer of its own
 * and enters the room's directory with the stranger's Peer, then answers every channel a
 * member opens to either as `answer` says. Resolves once both are in place.
 *
 * @example
 * ```ts
 * await squat(stranger, { room: 'jam', rendezvousId: rendezvousId('jam'), version: PROTOCOL_VERSION, answer: 'nothing' });
 * ```
 */
export async function squat(stranger: HostilePage, options: SquatOptions): Promise<void> {
  await stranger.page.evaluate(
    ({ port, rendezvousId, version, answer }) =>
      new Promise<void>((resolveHeld, reject) => {
        const { Peer } = (globalThis as unknown as { peerjs: typeof import('peerjs') }).peerjs;
        const report: SquatterReport = { connections: 0, refusalsSent: 0, directoryStatus: 0 };
        (globalThis as unknown as { squatter: SquatterReport }).squatter = report;
        const behave = (connection: import('peerjs').DataConnection) => {
          report.connections++;
          if (answer === 'nothing') return;
          connection.on('open', () => {
            for (const reason of ['room-full', 'wrong-passphrase']) {
              void connection.send(JSON.stringify({ v: version, t: 'refused', reason }));
              report.refusalsSent++;
            }
          });
        };
        (globalThis as unknown as { hostilePeer: import('peerjs').Peer }).hostilePeer.on('connection', behave);
        const rendezvous = new Peer(rendezvousId, { host: '127.0.0.1', port, path: '/peerjs', config: { iceServers: [] }, debug: 0 });
        rendezvous.on('connection', behave);
        rendezvous.once('open', () => resolveHeld());
        rendezvous.once('error', reject);
      }),
    { port: stranger.port, rendezvousId: options.rendezvousId, version: options.version, answer: options.answer },
  );
  await enterDirectory(stranger, options.room).then(
    () => stranger.page.evaluate(() => ((globalThis as unknown as { squatter: SquatterReport }).squatter.directoryStatus = 200)),
    // A server without a directory (the code before it had one) leaves only the rendezvous ID to squat.
    () => undefined,
  );
}
