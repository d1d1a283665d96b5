/**
 * A line saying who is in a story's room and which tone each sends: what to expect before
 * looking at the analysis.
 */
import { el } from '../peer-basics/el.ts';
import { EVERYONE, YOU } from './hearingMembers.ts';

/**
 * @example
 * ```ts
 * root.append(membersLegend()); // "In the room: Ada (you) sends 440 Hz, Bo 660 Hz, Cy 880 Hz…"
 * ```
 */
export function membersLegend(): HTMLElement {
  const tones = EVERYONE.map((member) => `${member.name}${member === YOU ? ' (you)' : ''} ${member.frequency} Hz`).join(', ');
  return el('p', {}, `In the room, each a joinRoom of its own in this page, sending a sine tone: ${tones}.`);
}
