/**
 * The two Recording the stage pages: the stage of step 5 with a recorder panel under it, and
 * the same stage with the recovery panel. Each records into a store folder of its own.
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import { el } from '../peer-basics/el.ts';
import { recorderPanel } from './recorderPanel.ts';
import { recorderSettings, type RecordingArgs } from './recordingArgs.ts';
import { recoveryPanel } from './recoveryPanel.ts';
import { hubListPanel, type LeftBehind } from './hubListPanel.ts';
import { storyRecordings, type LeftoverSweep } from './storyRecordings.ts';
import { renderStudio, type Studio } from './studio.ts';

/** The stories' own store folders: never the app's `peerstage-recordings`, never each other's. */
export const STORY_FOLDERS = {
  record: 'peerstage-story-recording',
  recovery: 'peerstage-story-recovery',
  hubList: 'peerstage-story-hub-list',
} as const;

/**
 * Story 1 sweeps everything an earlier visit left, as nothing there can be recovered; story 2
 * keeps interrupted recordings: offering them is its point.
 */
const STORES = {
  record: [STORY_FOLDERS.record, 'all'],
  recovery: [STORY_FOLDERS.recovery, 'finished'],
  hubList: [STORY_FOLDERS.hubList, 'all'],
} as const satisfies Record<string, readonly [string, LeftoverSweep]>;

type Panel = typeof recorderPanel;

function renderWith(
  panel: Panel,
  [folder, sweep]: readonly [string, LeftoverSweep],
  args: RecordingArgs,
  canvasElement: HTMLElement,
  lifetime: Subscription,
): HTMLElement {
  const studio = new BehaviorSubject<Studio | null>(null);
  // The panel first: its recorder is released before the stage and the mix it records.
  const recordings = storyRecordings(folder, sweep, lifetime);
  const controls = panel(studio, recorderSettings(args), recordings, lifetime);
  const stage = renderStudio(canvasElement, studio, lifetime);
  lifetime.add(() => studio.complete());
  const root = el('div', {}, stage, controls);
  root.style.fontFamily = 'system-ui, sans-serif';
  return root;
}

/**
 * Story 1: record the stage and the mix, play the file back.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderRecording(args, canvasElement, renderLifetime(canvasElement)),
 * ```
 */
export function renderRecording(args: RecordingArgs, canvasElement: HTMLElement, lifetime: Subscription): HTMLElement {
  return renderWith(recorderPanel, STORES.record, args, canvasElement, lifetime);
}

/**
 * Story 2: interrupt a recording as a closed tab would, then recover it.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderRecovery(args, canvasElement, renderLifetime(canvasElement)),
 * ```
 */
export function renderRecovery(args: RecordingArgs, canvasElement: HTMLElement, lifetime: Subscription): HTMLElement {
  return renderWith(recoveryPanel, STORES.recovery, args, canvasElement, lifetime);
}

/**
 * Story 3: the hub's own recording panel, after leaving `leftBehind` in its store.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderHubList(args, canvasElement, renderLifetime(canvasElement)),
 * ```
 */
export function renderHubList(
  args: RecordingArgs & { readonly leftBehind: LeftBehind },
  canvasElement: HTMLElement,
  lifetime: Subscription,
): HTMLElement {
  const panel: Panel = (studio, _settings, recordings, life) => hubListPanel(studio, recordings, life, args.leftBehind);
  return renderWith(panel, STORES.hubList, args, canvasElement, lifetime);
}
