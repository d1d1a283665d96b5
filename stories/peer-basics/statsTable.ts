/**
 * A table of one `ConnectionStats` sample, in units a person reads.
 */
import type { ConnectionStats } from '../../src/index.ts';
import { el, labelled } from './el.ts';

const ROWS = ['Round trip', 'Bitrate in', 'Bitrate out', 'Bytes received', 'Bytes sent', 'Packets lost', 'Route'] as const;
type Row = (typeof ROWS)[number];

export interface StatsTable {
  readonly root: HTMLTableElement;
  /** Shows `stats`. */
  show(stats: ConnectionStats): void;
  /** Says what the numbers are: sampling, ended… */
  caption(text: string): void;
}

/**
 * An empty table named "Connection stats", one row per reading.
 *
 * @example
 * ```ts
 * const table = statsTable();
 * call.stats().subscribe((stats) => table.show(stats));
 * ```
 */
export function statsTable(): StatsTable {
  const caption = el('caption', {}, 'No call yet.');
  caption.style.textAlign = 'left';
  const cells = new Map<Row, HTMLTableCellElement>();
  const body = el('tbody');
  for (const name of ROWS) {
    const cell = el('td', {}, '–');
    cells.set(name, cell);
    body.append(el('tr', {}, el('th', { scope: 'row' }, name), cell));
  }
  const root = labelled(el('table', {}, caption, body), 'Connection stats');
  root.style.textAlign = 'left';
  const set = (name: Row, text: string) => {
    const cell = cells.get(name);
    if (cell) cell.textContent = text;
  };
  return {
    root,
    show(stats) {
      set('Round trip', stats.roundTripMs === null ? '–' : `${stats.roundTripMs.toFixed(1)} ms`);
      set('Bitrate in', bitrate(stats.bitrateInBps));
      set('Bitrate out', bitrate(stats.bitrateOutBps));
      set('Bytes received', stats.bytesReceived.toLocaleString('en'));
      set('Bytes sent', stats.bytesSent.toLocaleString('en'));
      set('Packets lost', String(stats.packetsLost));
      set('Route', `${stats.localCandidateType ?? '–'} → ${stats.remoteCandidateType ?? '–'}`);
    },
    caption(text) {
      caption.textContent = text;
    },
  };
}

function bitrate(bps: number | null): string {
  // Null on the first sample: a rate needs two.
  return bps === null ? '–' : `${(bps / 1000).toFixed(0)} kbit/s`;
}
