/**
 * The room's picture in two views, switched by a Cubes / Tiles pair of buttons: the cubes'
 * stage, and plain video tiles. The recorder records whichever is shown when it starts.
 */
import { Observable, Subscription } from 'rxjs';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { roomStage, type StageLevel, type StageSelf } from '../scene/roomStage.ts';
import type { Stage } from '../scene/Stage.ts';
import { element } from './dom.ts';
import { iconButton } from './icons.ts';
import type { RecordedView } from './recordedView.ts';
import type { TileCanvas } from './TileCanvas.ts';
import { tileView } from './tileView.ts';
import { ViewVisibility } from './viewVisibility.ts';
import './stageViews.css';

export type ViewName = 'cubes' | 'tiles';

/** The switch's accessible name, and its buttons'. */
export const VIEW_SWITCH = { label: 'View', cubes: 'Cubes', tiles: 'Tiles' } as const;

export interface StageViewsOptions {
  readonly peers$: Observable<readonly MemberMedia[]>;
  readonly self: StageSelf;
  /** Levels and speaking by member ID (`roomLevels`): cubes grow, speakers are highlighted. */
  readonly levels$?: Observable<ReadonlyMap<string, StageLevel>>;
  /** Where the switch goes. Default: right after `box`. */
  readonly switchSlot?: HTMLElement;
  /** The view shown first. Default `'cubes'`. */
  readonly initial?: ViewName;
}

/** The views while shown. */
export interface StageViews {
  /** The cubes' stage, once made. */
  readonly stage: Stage | undefined;
  /** The tile view, once first shown. */
  readonly tiles: TileCanvas | undefined;
  readonly shown: ViewName;
  /** What a recording started now records: the view shown. */
  readonly recorded: RecordedView | undefined;
  /** Shows `stream` for member `id` in both views (this member's camera turned off or on). */
  setStream(id: string, stream: MediaStream | null): void;
  show(view: ViewName): void;
}

/**
 * Fills `box` with the two views and puts the switch in `switchSlot` while subscribed; emits
 * the {@link StageViews} once. The stage is made at once; the tile view on first being shown,
 * and kept (resting while not seen) so that switching back and forth is instant. A view not
 * shown rests (its loop stops) unless a recording of it runs (`renderWhileHidden`).
 * Unsubscribing releases both views and removes the switch.
 *
 * @example
 * ```ts
 * declare const box: HTMLElement, stream: MediaStream;
 * import { joinRoom } from '../room/joinRoom.ts';
 * const room = joinRoom('jam', { name: 'Ada', stream });
 * let views: StageViews | undefined;
 * const shown = stageViews(box, { peers$: room.peers$, self: { id: 'me', name: 'Ada', stream } }).subscribe((made) => (views = made));
 * views?.show('tiles');
 * // later
 * shown.unsubscribe();
 * ```
 */
export function stageViews(box: HTMLElement, options: StageViewsOptions): Observable<StageViews> {
  return new Observable<StageViews>((subscriber) => {
    const owned = new Subscription();
    const cubesBox = element('div', { class: 'stage-view', 'data-view': 'cubes' });
    const tilesBox = element('div', { class: 'stage-view', 'data-view': 'tiles', hidden: '' });
    const views = element('div', { class: 'stage-views' }, cubesBox, tilesBox);
    box.append(views);
    const cubesSeen = new ViewVisibility(true);
    const tilesSeen = new ViewVisibility(false);
    let shown: ViewName = 'cubes';
    let stage: Stage | undefined;
    let tiles: TileCanvas | undefined;
    /** This member's picture as last set, for a tile view made later. */
    let selfStream = options.self.stream ?? null;

    const buttons = {
      cubes: iconButton(VIEW_SWITCH.cubes, 'cubes', () => show('cubes'), { 'aria-pressed': 'true' }),
      tiles: iconButton(VIEW_SWITCH.tiles, 'tiles', () => show('tiles'), { 'aria-pressed': 'false' }),
    };
    const toggle = element('div', { class: 'view-switch', role: 'group', 'aria-label': VIEW_SWITCH.label }, buttons.cubes, buttons.tiles);
    if (options.switchSlot) options.switchSlot.append(toggle);
    else box.after(toggle);

    const highlight = getComputedStyle(box).getPropertyValue('--speaking').trim();
    owned.add(
      options.peers$
        .pipe(
          roomStage({
            container: cubesBox,
            self: options.self,
            levels$: options.levels$,
            visibility: cubesSeen,
            ...(highlight ? { highlight } : {}),
          }),
        )
        .subscribe({ next: (made) => (stage = made), error: (error: unknown) => subscriber.error(error) }),
    );

    function show(view: ViewName): void {
      if (view === shown || subscriber.closed) return;
      shown = view;
      cubesBox.hidden = view !== 'cubes';
      tilesBox.hidden = view !== 'tiles';
      buttons.cubes.setAttribute('aria-pressed', String(view === 'cubes'));
      buttons.tiles.setAttribute('aria-pressed', String(view === 'tiles'));
      cubesSeen.shown = view === 'cubes';
      tilesSeen.shown = view === 'tiles';
      if (view === 'tiles' && !tiles) {
        owned.add(
          options.peers$
            .pipe(tileView(tilesBox, { self: { ...options.self, stream: selfStream }, levels$: options.levels$, visibility: tilesSeen }))
            .subscribe({ next: (made) => (tiles = made), error: (error: unknown) => subscriber.error(error) }),
        );
      }
    }

    subscriber.next({
      get stage() {
        return stage;
      },
      get tiles() {
        return tiles;
      },
      get shown() {
        return shown;
      },
      get recorded() {
        return shown === 'tiles' ? tiles : stage;
      },
      setStream(id, stream) {
        if (id === options.self.id) selfStream = stream;
        stage?.setStream(id, stream);
        tiles?.setStream(id, stream);
      },
      show,
    });
    if (options.initial === 'tiles') show('tiles');
    return () => {
      owned.unsubscribe();
      cubesSeen.dispose();
      tilesSeen.dispose();
      views.remove();
      toggle.remove();
    };
  });
}
