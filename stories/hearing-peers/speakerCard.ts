/**
 * One member as `roomLevels` and `activeSpeaker` see it: its level, whether it is speaking,
 * and whether it has the floor (the card is highlighted then).
 */
import { combineLatest, Observable } from 'rxjs';
import type { MemberAudio } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardMember } from './hearingCard.ts';

export interface SpeakerCardMember extends CardMember {
  /** Its ID in the room: the key of `roomLevels`' map and what `activeSpeaker` names. */
  readonly id: string;
}

/** The meter's scale: speaking starts around -45 dBFS by default, the tones sit near -9. */
const METER = { min: -60, max: 0 } as const;

/**
 * Subscribing puts a card named after the member into `container` and follows its entry in
 * `levels$` and the floor in `active$`; unsubscribing removes it. Both are shared by all the
 * cards (one `roomLevels` for the room). The map is updated in place: each reading is made
 * when it comes, and text is rewritten only when what it says changes.
 *
 * @example
 * ```ts
 * room.peers$.pipe(forEachPeer((peer) => speakerCard({ id: peer.id, name, color }, levels$, active$, row))).subscribe();
 * ```
 */
export function speakerCard(
  member: SpeakerCardMember,
  levels$: Observable<ReadonlyMap<string, MemberAudio>>,
  active$: Observable<string | null>,
  container: HTMLElement,
): Observable<never> {
  return new Observable<never>(() => {
    const meter = el('meter', { min: METER.min, max: METER.max, value: METER.min });
    meter.setAttribute('aria-hidden', 'true');
    meter.style.width = '100%';
    const level = labelled(el('output', {}, '–'), 'Level');
    const speaking = labelled(el('output', {}, 'silent'), 'Speaking');
    const floor = el('strong', {}, ' · has the floor');
    floor.hidden = true;
    const heading = el('h3', {}, member.name);
    if (member.you) heading.append(el('small', {}, ' (you)'));
    const card = labelled(el('section', {}, heading, meter, el('p', {}, level, ' · ', speaking, floor)), member.name);
    Object.assign(card.style, { border: `2px solid ${member.color}`, borderRadius: '8px', padding: '0 0.75rem', width: '220px' });
    // You first, whoever's card came first.
    if (member.you) card.style.order = '-1';
    container.append(card);

    let shownDb = Number.NaN;
    let shownSpeaking: boolean | undefined;
    const running = combineLatest([levels$, active$]).subscribe(([levels, active]) => {
      const audio = levels.get(member.id);
      const db = audio && audio.levelDb >= METER.min ? Math.round(audio.levelDb) : -Infinity;
      if (db !== shownDb) {
        shownDb = db;
        level.textContent = db === -Infinity ? `below ${METER.min} dB` : `${db} dB`;
        meter.value = Math.max(db, METER.min);
      }
      const isSpeaking = audio?.speaking ?? false;
      if (isSpeaking !== shownSpeaking) {
        shownSpeaking = isSpeaking;
        speaking.textContent = isSpeaking ? 'speaking' : 'silent';
      }
      const hasFloor = active === member.id;
      if (hasFloor !== !floor.hidden) {
        floor.hidden = !hasFloor;
        if (hasFloor) card.setAttribute('aria-current', 'true');
        else card.removeAttribute('aria-current');
        card.style.background = hasFloor ? '#fff6d6' : '';
        card.style.boxShadow = hasFloor ? `0 0 0 4px ${member.color}` : '';
      }
    });
    return () => {
      running.unsubscribe();
      card.remove();
    };
  });
}
