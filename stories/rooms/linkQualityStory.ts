/**
 * Story 8, "Connection quality": Ada and Bo in a room, each rating its link to the other from
 * real stats, as the hub's roster does; beside them, figures the reader chooses, rated by the
 * same `linkQuality` and put into words by the same `qualityText`.
 */
import type { Subscription } from 'rxjs';
import { membersRow } from './memberCard.ts';
import { figuresPanel, type QualityFigures } from './qualityFigures.ts';
import { qualityPart } from './qualityPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { virtualMember } from './virtualMember.ts';

export interface LinkQualityArgs {
  /** The figures the "Try figures" form starts at. */
  readonly roundTripMs: number;
  readonly lossPercent: number;
  readonly relayed: boolean;
}

/** A second a sample: a word a second is plenty to watch (the hub reads every 2 s). */
const INTERVAL_MS = 1_000;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderLinkQuality(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderLinkQuality(args: LinkQualityArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const parts = () => [qualityPart({ intervalMs: INTERVAL_MS })];
  const ada = virtualMember({ name: 'Ada', color: '#2b4c7e', frequency: 440 }, { roomId, parts: parts() }, lifetime);
  const bo = virtualMember({ name: 'Bo', color: '#3a7d44', frequency: 660 }, { roomId, parts: parts() }, lifetime);
  // The words are long: wider cards than the other stories' keep each row on a line or two.
  for (const card of [ada.card, bo.card]) card.style.width = '480px';
  const figures: QualityFigures = { roundTripMs: args.roundTripMs, lossPercent: args.lossPercent, relayed: args.relayed };
  const panel = figuresPanel(figures);
  lifetime.add(panel.run.subscribe());
  return membersRow(ada.card, bo.card, panel.element);
}
