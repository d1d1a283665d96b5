/**
 * Story 6, "A stranger in the room": someone who knows only the room's name enters it at the
 * server's room directory before anyone else — as anyone may, in a room without a passphrase —
 * and answers every member who dials it with silence, or with "room full" and "wrong
 * passphrase". Ada and Bo meet all the same; the stranger's refusals are one member's word,
 * shown on their cards, and end nobody's visit.
 */
import Peer, { type DataConnection, type MediaConnection } from 'peerjs';
import { BehaviorSubject, filter, Observable, type Subscription } from 'rxjs';
import { enterRoomDirectory } from '../../src/room/enterRoomDirectory.ts';
import { PROTOCOL_VERSION } from '../../src/room/protocol.ts';
import { roomTag } from '../../src/room/roomDirectoryWire.ts';
import { CALL_CHANNEL_STREAM_ID } from '../../src/rtc/callChannel.ts';
import { signalingAtPageOrigin } from '../../src/rtc/signalingOptions.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { errorsPart } from './errorsPart.ts';
import { membersRow } from './memberCard.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { virtualMember } from './virtualMember.ts';

export type StrangerAnswer = 'nothing' | 'refused';

export interface StrangerArgs {
  /** What the stranger says to each member who dials it. */
  readonly strangerAnswers: StrangerAnswer;
}

/** What the stranger has done so far, as its card shows it. */
interface StrangerLog {
  readonly entered: boolean;
  /** Links members dialed to it: data connections, or calls carrying one. */
  readonly channels: number;
  readonly refusals: number;
}

/**
 * The stranger: a plain PeerJS Peer, its own script, no `joinRoom`. It enters the room's
 * directory with its ID and registration token, then answers each channel as `answer` says.
 * Emits its log; unsubscribing destroys the Peer (and so takes it out of the directory).
 */
function stranger(roomId: string, answer: StrangerAnswer): Observable<StrangerLog> {
  return new Observable<StrangerLog>((subscriber) => {
    let log: StrangerLog = { entered: false, channels: 0, refusals: 0 };
    const tell = (change: Partial<StrangerLog>) => {
      log = { ...log, ...change };
      subscriber.next(log);
    };
    tell({});
    const signaling = signalingAtPageOrigin();
    const peer = new Peer({
      host: signaling.host,
      port: signaling.port,
      path: signaling.path,
      secure: signaling.secure,
      config: { iceServers: [] },
    });
    const refuse = (send: (text: string) => void) => {
      // Room channels carry JSON text, in the protocol's own envelope.
      for (const reason of ['room-full', 'wrong-passphrase']) send(JSON.stringify({ v: PROTOCOL_VERSION, t: 'refused', reason }));
      tell({ refusals: log.refusals + 2 });
    };
    // A member sharing nothing dials a data connection of its own.
    peer.on('connection', (connection: DataConnection) => {
      tell({ channels: log.channels + 1 });
      if (answer === 'refused') connection.on('open', () => refuse((text) => void connection.send(text)));
    });
    // A member sharing media dials its link inside a call: a channel both ends open on the
    // call's own connection (CALL_CHANNEL_STREAM_ID), which the stranger opens too.
    peer.on('call', (call: MediaConnection) => {
      tell({ channels: log.channels + 1 });
      if (answer === 'nothing') return;
      call.answer();
      const channel = call.peerConnection.createDataChannel('peerstage-room', { negotiated: true, id: CALL_CHANNEL_STREAM_ID });
      channel.addEventListener('open', () => refuse((text) => channel.send(text)), { once: true });
    });
    let live = true;
    const enter = async () => {
      const id = await new Promise<string>((resolve, reject) => {
        peer.once('open', resolve);
        peer.once('error', reject);
      });
      await enterRoomDirectory(signaling, { room: await roomTag(roomId), lock: '', id, token: peer.options.token ?? '' });
    };
    enter().then(
      () => live && tell({ entered: true }),
      (error: unknown) => live && subscriber.error(error),
    );
    return () => {
      live = false;
      peer.destroy();
    };
  });
}

/** The stranger's card: what it did, as text. */
function strangerCard(log$: Observable<StrangerLog>, lifetime: Subscription): HTMLElement {
  const status = labelled(el('output', {}, 'Not in the room'), 'Status');
  const channels = labelled(el('output', {}, '0'), 'Links members dialed to it');
  const refusals = labelled(el('output', {}, '0'), 'Refusals it sent');
  lifetime.add(
    log$.subscribe((log) => {
      status.textContent = log.entered ? 'In the room’s directory' : 'Not in the room';
      channels.textContent = String(log.channels);
      refusals.textContent = String(log.refusals);
    }),
  );
  return labelled(
    el(
      'section',
      {},
      el('h3', {}, 'Stranger'),
      el('p', {}, status),
      el('p', {}, 'Links members dialed to it: ', channels),
      el('p', {}, 'Refusals it sent: ', refusals),
    ),
    'Stranger',
  );
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderStranger(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderStranger({ strangerAnswers }: StrangerArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const log = new BehaviorSubject<StrangerLog>({ entered: false, channels: 0, refusals: 0 });
  lifetime.add(
    stranger(roomId, strangerAnswers).subscribe({ next: (entry) => log.next(entry), error: (error: unknown) => console.warn(error) }),
  );
  // Ada and Bo come once the stranger sits in the room: it is listed to both.
  const strangerIn = log.pipe(filter((entry) => entry.entered));
  const parts = () => [rosterPart(), errorsPart()];
  const ada = virtualMember({ name: 'Ada', color: '#2b4c7e', frequency: 440 }, { roomId, parts: parts(), joinWhen: strangerIn }, lifetime);
  const bo = virtualMember({ name: 'Bo', color: '#3a7d44', frequency: 660 }, { roomId, parts: parts(), joinWhen: strangerIn }, lifetime);
  return membersRow(ada.card, bo.card, strangerCard(log, lifetime));
}
