/**
 * The connection quality part: each other member's link as the hub's roster rates it —
 * `peer.stats()` through `toLinkQuality()`, then `qualityText` — with the figures the word
 * comes from.
 */
import { ignoreElements, Observable } from 'rxjs';
import { qualityText } from '../../src/app/qualityText.ts';
import { forEachPeer, type RemotePeer } from '../../src/index.ts';
import { toLinkQuality, type LinkQuality } from '../../src/rtc/index.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';
import { peerName } from './peerName.ts';
import { reading, readingTable, type ReadingRow, type ReadingTable } from './readingTable.ts';

/** The table's columns: what the play function reads by name. */
export const QUALITY_COLUMNS = ['Member', 'Round trip', 'Lost', 'Relayed', 'Quality', 'In words'] as const;

export interface QualityPartOptions {
  /** Time between stats samples, so also the window loss is counted over (the hub's: 2 s). */
  readonly intervalMs: number;
}

/**
 * A table named "Connection quality": a row per other member, made when it arrives and removed
 * when it leaves.
 *
 * @example
 * ```ts
 * virtualMember(spec, { roomId, parts: [qualityPart({ intervalMs: 1_000 })] }, lifetime);
 * ```
 */
export function qualityPart({ intervalMs }: QualityPartOptions): CardPart {
  const table = readingTable(
    'Connection quality',
    QUALITY_COLUMNS,
    `Each link, sampled every ${intervalMs} ms: loss is counted between two samples.`,
  );
  return {
    element: partSection('peer.stats().pipe(toLinkQuality())', table.root),
    run: ({ room }) =>
      room.peers$.pipe(
        forEachPeer((peer) => qualityRow(peer, table, intervalMs)),
        ignoreElements(),
      ),
  };
}

function qualityRow(peer: RemotePeer, table: ReadingTable, intervalMs: number): Observable<never> {
  return new Observable<never>(() => {
    const row = table.row(peerName(peer));
    // Completes when the member's connection closes; forEachPeer ends it when the member leaves.
    const shown = peer
      .stats({ intervalMs })
      .pipe(toLinkQuality())
      .subscribe((quality) => showQuality(row, quality));
    return () => {
      shown.unsubscribe();
      row.element.remove();
    };
  });
}

/**
 * Fills a row of a table with {@link QUALITY_COLUMNS}: the figures, the level and the words.
 *
 * @example
 * ```ts
 * showQuality(table.row('Bo'), linkQuality(previous, current));
 * ```
 */
export function showQuality(row: ReadingRow, quality: LinkQuality): void {
  row.set(
    'Round trip',
    reading(quality.roundTripMs, (ms) => `${ms.toFixed(1)} ms`),
  );
  row.set(
    'Lost',
    reading(quality.lossRatio, (ratio) => `${(ratio * 100).toFixed(1)} %`),
  );
  row.set('Relayed', quality.relayed ? 'yes' : 'no');
  row.set('Quality', quality.level);
  row.set('In words', qualityText(quality));
}
