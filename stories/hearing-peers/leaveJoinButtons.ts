/**
 * A button per in-page member to make it leave the room and join again, as a person would
 * close and reopen their tab.
 */
import type { Subscription } from 'rxjs';
import { el } from '../peer-basics/el.ts';
import type { ToneMember } from './toneMember.ts';

/**
 * A paragraph with a button per member, "{name} leaves" while it is in the room and
 * "{name} joins" while it is out; the buttons follow `present` until `lifetime` ends.
 *
 * @example
 * ```ts
 * root.append(leaveJoinButtons([bo, cy], lifetime));
 * ```
 */
export function leaveJoinButtons(members: readonly ToneMember[], lifetime: Subscription): HTMLElement {
  const buttons = members.map((member) => {
    const button = el('button', { type: 'button', onclick: () => member.present.next(!member.present.value) });
    lifetime.add(member.present.subscribe((present) => (button.textContent = `${member.name} ${present ? 'leaves' : 'joins'}`)));
    return button;
  });
  return el('p', {}, ...buttons.flatMap((button) => [button, ' ']));
}
