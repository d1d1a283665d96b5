/**
 * Story 2, "Who is speaking": the room's levels and speaking states in one map, and who has
 * the floor, while members talk, fall quiet and talk louder.
 */
import { combineLatest, ignoreElements, map, merge, shareReplay, switchMap, tap, type Subscription } from 'rxjs';
import { activeSpeaker, forEachPeer, roomLevels } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { inRoom } from '../rooms/inRoom.ts';
import { peerName } from '../rooms/peerName.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { colorOf, OTHERS, YOU } from './hearingMembers.ts';
import { membersLegend } from './membersLegend.ts';
import { soundState } from './soundState.ts';
import { speakerCard } from './speakerCard.ts';
import { speakingPolicies, type SpeakingArgs } from './speakingArgs.ts';
import { toneMember } from './toneMember.ts';
import { toneVoice } from './toneVoice.ts';
import { voicesPanel } from './voicesPanel.ts';

/** Said while nobody has the floor. */
export const NOBODY = 'nobody';

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderSpeaking(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderSpeaking(args: SpeakingArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const policies = speakingPolicies(args);
  const you = toneVoice(YOU.frequency);
  const others = OTHERS.map((member) => toneMember(member, roomId, lifetime));

  const activeName = labelled(el('output', {}, NOBODY), 'Active speaker');
  const cards = el('div');
  Object.assign(cards.style, { display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' });
  const root = el(
    'div',
    {},
    soundState(lifetime),
    membersLegend(),
    voicesPanel([{ name: YOU.name, voice: you }, ...others]),
    el('p', {}, 'Active speaker: ', activeName),
    cards,
  );
  root.style.fontFamily = 'system-ui, sans-serif';

  lifetime.add(
    inRoom(roomId, { name: YOU.name, stream: you.stream }, (room) => {
      // One roomLevels for the room, shared by every card: one analyser per member.
      const self$ = room.self$.pipe(map(({ id }) => ({ id, stream: you.stream })));
      const levels$ = room.peers$.pipe(
        roomLevels({ self: self$, speaking: policies.speaking }),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      const active$ = levels$.pipe(activeSpeaker(policies.floor), shareReplay({ bufferSize: 1, refCount: true }));
      // activeSpeaker names an ID; the roster (and self$) say whose it is.
      const names$ = combineLatest([room.self$, room.peers$]).pipe(
        map(([self, peers]) => new Map([[self.id, YOU.name], ...peers.map((peer) => [peer.id, peerName(peer)] as const)])),
      );
      return merge(
        room.self$.pipe(switchMap(({ id }) => speakerCard({ ...YOU, id, you: true }, levels$, active$, cards))),
        room.peers$.pipe(
          forEachPeer((peer) => speakerCard({ id: peer.id, name: peerName(peer), color: colorOf(peer.name) }, levels$, active$, cards)),
        ),
        combineLatest([active$, names$]).pipe(
          tap(([id, names]) => (activeName.textContent = id === null ? NOBODY : (names.get(id) ?? id))),
          ignoreElements(),
        ),
      );
    }).subscribe(),
  );
  lifetime.add(you);
  return root;
}
