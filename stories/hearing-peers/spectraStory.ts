/**
 * Story 1, "Levels and spectra": you and two members in one room, each with its own tone; this
 * page analyses every member it hears, itself included, and draws each one.
 */
import { merge, of, type Subscription } from 'rxjs';
import { forEachPeer } from '../../src/index.ts';
import { el } from '../peer-basics/el.ts';
import { inRoom } from '../rooms/inRoom.ts';
import { peerName } from '../rooms/peerName.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { analyseOptions, type AnalysisArgs } from './analysisArgs.ts';
import { hearingCard } from './hearingCard.ts';
import { colorOf, OTHERS, YOU } from './hearingMembers.ts';
import { membersLegend } from './membersLegend.ts';
import { soundState } from './soundState.ts';
import { toneMember } from './toneMember.ts';
import { toneVoice } from './toneVoice.ts';

export type SpectraArgs = AnalysisArgs;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderSpectra(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderSpectra(args: SpectraArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const analysis = analyseOptions(args);
  const cards = el('div');
  Object.assign(cards.style, { display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'flex-start' });
  const root = el('div', {}, soundState(lifetime), membersLegend(), cards);
  root.style.fontFamily = 'system-ui, sans-serif';

  const you = toneVoice(YOU.frequency);
  // Your own sound, as you share it, then each member as it arrives in your roster and for as
  // long as it stays: forEachPeer owns each card, and leaving the room ends them all.
  lifetime.add(
    inRoom(roomId, { name: YOU.name, stream: you.stream }, (room) =>
      merge(
        hearingCard({ ...YOU, you: true }, of(you.stream), analysis, cards),
        room.peers$.pipe(
          forEachPeer((peer) => hearingCard({ name: peerName(peer), color: colorOf(peer.name) }, peer.stream$, analysis, cards)),
        ),
      ),
    ).subscribe(),
  );
  lifetime.add(you);
  for (const member of OTHERS) toneMember(member, roomId, lifetime);
  return root;
}
