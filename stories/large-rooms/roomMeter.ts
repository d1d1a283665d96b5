/**
 * One room's meter in the "Measured in this page" story: a region with a row per member in the
 * room — its connections, the copies of its picture it sends, what it sends — beside what
 * `uplinkModel` says a member of a room that size sends, and a line that sums it up. Each
 * member's card runs its row ({@link RoomMeter.part}) for as long as it stays.
 */
import { ignoreElements, Observable, Subject, tap } from 'rxjs';
import { type UplinkModel, uplinkModel } from '../../src/room/janus/uplinkModel.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardPart } from '../rooms/cardPart.ts';
import { kbps, type ReadingRow, reading, readingTable } from '../rooms/readingTable.ts';
import { type UplinkReading, type UplinkSource, uplinkReadings } from './uplinkReadings.ts';

export type Transport = 'mesh' | 'janus';

/** The table's columns: what the play function reads by name. */
export const METER_COLUMNS = ['Member', 'Connections', 'Video copies', 'Sending', 'Over', 'Model'] as const;

export interface RoomMeterOptions {
  readonly transport: Transport;
  /** The region's name and heading: "On the mesh". */
  readonly title: string;
  /**
   * The connections of all the room's members together, when they cannot be told apart per
   * member (Janus hands none out); each row then shows their average.
   */
  readonly sharedConnections?: () => number;
}

/** What the meter knows after a reading: enough for a chart. */
export interface MeterState {
  /** Members in the room now (a row each). */
  readonly members: number;
  /** What one copy of a picture takes here, kbit/s: the members' median; `null` before any reading. */
  readonly perCopyKbps: number | null;
  /** The members' median uplink, kbit/s, by room size, for each size the room settled at. */
  readonly settled: ReadonlyMap<number, number>;
}

export interface RoomMeter {
  readonly element: HTMLElement;
  /** The state after each reading; completes never: the story's lifetime ends it. */
  readonly state$: Observable<MeterState>;
  /** The card part of a member whose senders `source` finds. */
  part(name: string, source: UplinkSource): CardPart;
}

/**
 * @example
 * ```ts
 * const meter = roomMeter({ transport: 'mesh', title: 'On the mesh' });
 * virtualMember(spec, { roomId, parts: [meter.part(spec.name, source)] }, lifetime);
 * ```
 */
export function roomMeter(options: RoomMeterOptions): RoomMeter {
  const table = readingTable(
    `Uplink ${options.title.toLowerCase()}`,
    METER_COLUMNS,
    'Each member in the room: its connected RTCPeerConnections, the senders carrying its picture, the RTP bytes they send (outbound-rtp, headers counted) per second, and what the model says for a room this size at the rate one copy takes here.',
  );
  const summary = labelled(el('output', {}, 'Nobody in the room yet.'), `${options.title}: in short`);
  const element = labelled(el('section', {}, el('h3', {}, options.title), el('p', {}, summary), table.root), options.title);
  const rows = new Map<string, { readonly row: ReadingRow; reading: UplinkReading | null }>();
  const settled = new Map<number, number>();
  const state$ = new Subject<MeterState>();

  const update = () => {
    const members = rows.size;
    const readings = [...rows.values()].flatMap((entry) => (entry.reading ? [entry.reading] : []));
    const perCopyKbps = median(
      readings.flatMap((read) => (read.sendingBps && read.videoCopies > 0 ? [read.sendingBps / 1_000 / read.videoCopies] : [])),
    );
    const model =
      members >= 2 && perCopyKbps ? uplinkModel(members, { streamKbps: perCopyKbps, uplinkKbps: Number.POSITIVE_INFINITY }) : null;
    const cost = model?.[options.transport] ?? null;
    const shared = options.sharedConnections && members > 0 ? options.sharedConnections() / members : null;
    for (const { row, reading: read } of rows.values()) {
      if (shared !== null)
        row.set(
          'Connections',
          reading(shared, (count) => String(Math.round(count * 10) / 10)),
        );
      row.set('Model', reading(cost ? cost.wantedKbps * 1_000 : null, kbps));
      if (!read) continue;
      if (shared === null) row.set('Connections', reading(read.connected, String));
      row.set('Video copies', reading(read.videoCopies, String));
      row.set('Sending', reading(read.sendingBps, kbps));
      row.set(
        'Over',
        reading(read.overSeconds, (seconds) => `${seconds.toFixed(1)} s`),
      );
    }
    const sending = median(readings.flatMap((read) => (read.sendingBps === null ? [] : [read.sendingBps / 1_000])));
    if (cost && sending !== null && isSettled(readings, members, cost.streams)) settled.set(members, sending);
    summary.textContent = summaryText(members, cost, model, perCopyKbps, sending);
    state$.next({ members, perCopyKbps, settled });
  };

  return {
    element,
    state$: state$.asObservable(),
    part: (name, source) => ({
      element: el('span'),
      run: () =>
        new Observable<never>((subscriber) => {
          const entry = { row: table.row(name), reading: null as UplinkReading | null };
          rows.set(name, entry);
          update();
          const reading$ = uplinkReadings(source).pipe(
            tap((latest) => {
              entry.reading = latest;
              update();
            }),
            ignoreElements(),
          );
          const running = reading$.subscribe(subscriber);
          return () => {
            running.unsubscribe();
            rows.delete(name);
            entry.row.element.remove();
            update();
          };
        }),
    }),
  };
}

/** Every member sends the copies the model says, over a window of two seconds or more. */
function isSettled(readings: readonly UplinkReading[], members: number, copies: number): boolean {
  return (
    readings.length === members &&
    readings.every((read) => read.videoCopies === copies && read.sendingBps !== null && read.overSeconds >= 2)
  );
}

function summaryText(
  members: number,
  cost: UplinkModel['mesh'] | null,
  model: UplinkModel | null,
  perCopyKbps: number | null,
  sending: number | null,
): string {
  if (members < 2 || !cost || !model || perCopyKbps === null || sending === null)
    return `${members} in the room: waiting for two samples of each member’s senders.`;
  const copies = cost.streams === 1 ? 'one copy' : `${cost.streams} copies`;
  return (
    `${members} in the room. The model: each member sends ${copies} on ${cost.connections} connections, ` +
    `${Math.round(cost.wantedKbps)} kbit/s at the ${Math.round(perCopyKbps)} kbit/s a copy takes here. Measured: ${Math.round(sending)} kbit/s (the members’ median).`
  );
}

/** The middle value (the mean of the middle two), or `null` for none. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
