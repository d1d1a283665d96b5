/**
 * Story 3, "The room's mix": every member's sound in one MediaStream, following the roster, as
 * the recorder will record it; analysed like any other stream.
 */
import { ignoreElements, map, merge, share, tap, type Subscription } from 'rxjs';
import { analyse, mixRoomAudio } from '../../src/index.ts';
import { levelMeter, spectrumView } from '../../src/audio/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { inRoom } from '../rooms/inRoom.ts';
import { peerName } from '../rooms/peerName.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { CARD_SPECTRUM } from './hearingCard.ts';
import { OTHERS, YOU } from './hearingMembers.ts';
import { leaveJoinButtons } from './leaveJoinButtons.ts';
import { membersLegend } from './membersLegend.ts';
import { placeIn } from './placeIn.ts';
import { soundState } from './soundState.ts';
import { tonesReadout } from './tonesReadout.ts';
import { toneMember } from './toneMember.ts';
import { toneVoice } from './toneVoice.ts';

export interface MixArgs {
  readonly fftSize: number;
  readonly includeSelf: boolean;
}

/** What the mix card and its parts are named: the play function finds them by these. */
export const MIX = { card: 'The room’s mix', meter: 'Mix', peaks: 'Peaks of the mix', members: 'Mixed in' } as const;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderMix(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderMix(args: MixArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const you = toneVoice(YOU.frequency);
  const others = OTHERS.map((member) => toneMember(member, roomId, lifetime));

  const slot = (height: string) => {
    const box = el('div');
    Object.assign(box.style, { height, margin: '0.25rem 0' });
    return box;
  };
  const meterSlot = slot('1.75em');
  const spectrumSlot = slot('8em');
  const peaksSlot = el('div');
  const members = labelled(el('ul'), MIX.members);
  const card = labelled(
    el(
      'section',
      {},
      el('h3', {}, MIX.card),
      meterSlot,
      spectrumSlot,
      el('small', {}, `0 to ${CARD_SPECTRUM.maxHz / 1_000} kHz, linear`),
      peaksSlot,
      el('p', {}, 'Mixed in (', el('code', {}, 'mixRoomAudio'), ' follows the roster):'),
      members,
    ),
    MIX.card,
  );
  Object.assign(card.style, { border: '2px solid #444', borderRadius: '8px', padding: '0 0.75rem 0.5rem', width: '420px' });
  const root = el('div', {}, soundState(lifetime), membersLegend(), leaveJoinButtons(others, lifetime), card);
  root.style.fontFamily = 'system-ui, sans-serif';

  const self = args.includeSelf ? you.stream : null;
  lifetime.add(
    inRoom(roomId, { name: YOU.name, stream: you.stream }, (room) => {
      // mixRoomAudio emits its one stream at once and keeps it the same object while members come
      // and go; the mix lives as long as this subscription, so it is analysed inside it.
      const frames$ = room.peers$.pipe(mixRoomAudio({ self }), analyse({ fftSize: Number(args.fftSize) }), share());
      return merge(
        frames$.pipe(levelMeter({ label: MIX.meter }), placeIn(meterSlot)),
        frames$.pipe(spectrumView({ ...CARD_SPECTRUM, label: 'Spectrum of the mix', color: '#444' }), placeIn(spectrumSlot)),
        frames$.pipe(tonesReadout(MIX.peaks), placeIn(peaksSlot)),
        room.peers$.pipe(
          map((peers) => [...(self ? [`${YOU.name} (you)`] : []), ...peers.map(peerName)]),
          tap((names) => members.replaceChildren(...names.map((name) => el('li', {}, name)))),
          ignoreElements(),
        ),
      );
    }).subscribe(),
  );
  lifetime.add(you);
  return root;
}
