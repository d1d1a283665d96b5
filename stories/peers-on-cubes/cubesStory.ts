/**
 * A Peers on cubes story's page: you and the virtual members in one room, and this page's
 * stage showing each member's picture on a cube of its own.
 */
import { combineLatest, filter, ignoreElements, map, merge, type Observable, switchMap, take, tap, type Subscription } from 'rxjs';
import { stageViews } from '../../src/app/stageViews.ts';
import { roomLevels, roomStage, type Stage } from '../../src/index.ts';
import { leaveJoinButtons } from '../hearing-peers/leaveJoinButtons.ts';
import { soundState } from '../hearing-peers/soundState.ts';
import { voicesPanel } from '../hearing-peers/voicesPanel.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { inRoom } from '../rooms/inRoom.ts';
import { peerName } from '../rooms/peerName.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { cubeMember } from './cubeMember.ts';
import { colorOf, membersOf, YOU } from './cubeMembers.ts';
import { showStageIn } from './shownStage.ts';
import { stageOptions, type StageArgs } from './stageArgs.ts';
import { voicedPicture } from './voicedPicture.ts';

/** What else a story shows besides the stage. */
export interface CubesStoryParts {
  /** A "{name} leaves" / "{name} joins" button per virtual member. */
  readonly leaveJoin?: boolean;
  /** The Voices panel: who talks, and how loudly. */
  readonly voices?: boolean;
  /** The Cubes / Tiles switch and the tile view beside the stage (the hub's stageViews). */
  readonly tiles?: boolean;
}

/** Names the play functions find things by. */
export const CUBES = { stage: 'Stage', onStage: 'On stage' } as const;

/** The stage's size in CSS pixels: 16:9, as a recording of it would be. */
const STAGE_SIZE = { width: 640, height: 360 } as const;

/**
 * Renders a story; everything it starts belongs to `lifetime`, and the stage is recorded
 * for the play function under `canvasElement` (see shownStage.ts).
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement)),
 * ```
 */
export function renderCubes(args: StageArgs, canvasElement: HTMLElement, lifetime: Subscription, parts: CubesStoryParts = {}): HTMLElement {
  const roomId = storyRoomId();
  const options = stageOptions(args);
  const [, ...others] = membersOf(Number(args.members));
  const you = voicedPicture(YOU);
  const members = others.map((member) => cubeMember(member, roomId, lifetime));

  const container = labelled(el('figure'), CUBES.stage);
  Object.assign(container.style, { width: `${STAGE_SIZE.width}px`, height: `${STAGE_SIZE.height}px`, margin: '0 0 0.5rem' });
  const onStage = labelled(el('ul'), CUBES.onStage);
  Object.assign(onStage.style, { display: 'flex', gap: '1.5rem', listStyle: 'none', padding: 0, margin: 0 });
  const root = el(
    'div',
    {},
    soundState(lifetime),
    ...(parts.leaveJoin ? [leaveJoinButtons(members, lifetime)] : []),
    ...(parts.voices ? [voicesPanel([{ name: YOU.name, voice: you.voice }, ...members])] : []),
    container,
    el('p', {}, 'On stage (each name and colour is a ', el('code', {}, 'joinRoom'), ' of its own in this page):'),
    onStage,
  );
  root.style.fontFamily = 'system-ui, sans-serif';

  lifetime.add(
    inRoom(roomId, { name: YOU.name, stream: you.stream }, (room) => {
      const self$ = room.self$.pipe(map(({ id }) => ({ id, stream: you.stream })));
      // No analysis at all while audio reactivity is off: nothing to pay for.
      const levels$ = options.levelScale ? room.peers$.pipe(roomLevels({ self: self$ })) : undefined;
      const idsByName$ = combineLatest([room.self$, room.peers$]).pipe(
        map(([self, peers]) => new Map([[YOU.name, self.id], ...peers.map((peer) => [peerName(peer), peer.id] as const)])),
      );
      return merge(
        // The stage needs this member's ID for its own cube: it is built once the room says it.
        room.self$.pipe(
          take(1),
          switchMap(({ id }): Observable<Stage> => {
            const self = { id, name: YOU.name, stream: you.stream };
            if (!parts.tiles) return room.peers$.pipe(roomStage({ ...options, container, levels$, self }));
            // The hub's two views: its stage (made at once) is the one the play functions read.
            return stageViews(container, { peers$: room.peers$, self, ...(levels$ ? { levels$ } : {}) }).pipe(
              map((views) => views.stage),
              filter((stage): stage is Stage => stage !== undefined),
            );
          }),
          showStageIn(canvasElement, idsByName$),
        ),
        idsByName$.pipe(
          tap((ids) => onStage.replaceChildren(...[...ids.keys()].map((name) => memberLine(name, name === YOU.name)))),
          ignoreElements(),
        ),
      );
    }).subscribe(),
  );
  // Added after the stay: you leave the room before your picture and voice stop.
  lifetime.add(you);
  return root;
}

function memberLine(name: string, you: boolean): HTMLElement {
  const swatch = el('span');
  Object.assign(swatch.style, {
    display: 'inline-block',
    width: '0.9em',
    height: '0.9em',
    background: colorOf(name),
    marginRight: '0.3em',
    verticalAlign: 'middle',
  });
  return el('li', {}, swatch, name, you ? ' (you)' : '');
}
