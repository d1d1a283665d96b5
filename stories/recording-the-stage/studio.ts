/**
 * What the Recording the stage stories record: you and two in-page virtual members in a real
 * room (signalled by the Storybook's own server), each member's picture on a cube of this
 * page's stage, and every member's voice in the room's mix.
 */
import {
  type BehaviorSubject,
  combineLatest,
  connect,
  finalize,
  ignoreElements,
  map,
  merge,
  switchMap,
  take,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import { mixRoomAudio, type RemotePeer, roomStage, type Stage } from '../../src/index.ts';
import { soundState } from '../hearing-peers/soundState.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { cubeMember } from '../peers-on-cubes/cubeMember.ts';
import { membersOf, YOU } from '../peers-on-cubes/cubeMembers.ts';
import { showStageIn } from '../peers-on-cubes/shownStage.ts';
import { stageOptions, STAGE_DEFAULTS } from '../peers-on-cubes/stageArgs.ts';
import { voicedPicture } from '../peers-on-cubes/voicedPicture.ts';
import { inRoom } from '../rooms/inRoom.ts';
import { peerName } from '../rooms/peerName.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';

/** The picture and the sound a recorder takes, once both exist. */
export interface Studio {
  readonly stage: Stage;
  /** The room's mix: one audio track, the same object while members come and go. */
  readonly mix: MediaStream;
  readonly roomId: string;
  /** The room's members and your own stream: what the hub's panel mixes for itself. */
  readonly peers$: Observable<readonly RemotePeer[]>;
  readonly self: MediaStream;
}

/** Names the play functions find things by. */
export const STUDIO = { stage: 'Stage', onStage: 'On stage' } as const;

/** You and two others: three cubes, three voices; light enough to record on a busy machine. */
const MEMBERS = 3;
/** 16:9 at one device pixel per CSS pixel, so the file is 640x360 on any screen. */
const SIZE = { width: 640, height: 360 } as const;

/**
 * Renders the stage and starts the room; `studio` holds the stage and the mix while they
 * exist (`null` before and after). Everything belongs to `lifetime`; the stage is also
 * recorded under `canvasElement` for the Peers on cubes probes (`stageWith`).
 *
 * @example
 * ```ts
 * const studio = new BehaviorSubject<Studio | null>(null);
 * root.append(renderStudio(canvasElement, studio, lifetime));
 * recordButton.onclick = () => new StageRecorder(studio.value!.stage.canvas, { audio: studio.value!.mix });
 * ```
 */
export function renderStudio(canvasElement: HTMLElement, studio: BehaviorSubject<Studio | null>, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const [, ...others] = membersOf(MEMBERS);
  const you = voicedPicture(YOU);
  for (const member of others) cubeMember(member, roomId, lifetime);

  const container = labelled(el('figure'), STUDIO.stage);
  Object.assign(container.style, { width: `${SIZE.width}px`, height: `${SIZE.height}px`, margin: '0 0 0.5rem' });
  const onStage = labelled(el('output'), STUDIO.onStage);
  const root = el('div', {}, soundState(lifetime), container, el('p', {}, 'On stage: ', onStage));

  // A recording goes on while the tab is in the background, so the stage must keep drawing.
  const options = { ...stageOptions({ ...STAGE_DEFAULTS, layout: 'ring' }), pixelRatio: 1, renderWhileHidden: true, levelScale: 0 };
  lifetime.add(
    inRoom(roomId, { name: YOU.name, stream: you.stream }, (room) => {
      const idsByName$ = combineLatest([room.self$, room.peers$]).pipe(
        map(([self, peers]) => new Map([[YOU.name, self.id], ...peers.map((peer) => [peerName(peer), peer.id] as const)])),
      );
      const stage$ = room.self$.pipe(
        take(1),
        switchMap(({ id }) => room.peers$.pipe(roomStage({ ...options, container, self: { id, name: YOU.name, stream: you.stream } }))),
      );
      // The mix follows the roster and includes you: exactly what the room hears.
      const mix$ = room.peers$.pipe(mixRoomAudio({ self: you.stream }));
      return merge(
        // connect: one stage, seen by the probes and by the recorder alike.
        stage$.pipe(
          connect((shared$) =>
            merge(
              shared$.pipe(showStageIn(canvasElement, idsByName$)),
              combineLatest([shared$, mix$]).pipe(
                tap(([stage, mix]) => studio.next({ stage, mix, roomId, peers$: room.peers$, self: you.stream })),
                finalize(() => studio.next(null)),
                ignoreElements(),
              ),
            ),
          ),
        ),
        idsByName$.pipe(
          tap((ids) => (onStage.textContent = [...ids.keys()].map((name) => (name === YOU.name ? `${name} (you)` : name)).join(', '))),
          ignoreElements(),
        ),
      );
    }).subscribe(),
  );
  // Added after the stay: you leave the room before your picture and voice stop.
  lifetime.add(you);
  return root;
}
