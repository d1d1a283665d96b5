/**
 * The roster part: `peers$` as a list of names and IDs. The roster is a state (it replays), so
 * each emission simply replaces the list.
 */
import { finalize, ignoreElements, tap } from 'rxjs';
import type { RemotePeer } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';
import { peerName } from './peerName.ts';

/**
 * A list named "Roster": one item per other member, its name in a `<strong>` and its ID in a
 * `<code>`, both as text.
 *
 * @example
 * ```ts
 * virtualMember(spec, { roomId, parts: [rosterPart()] }, lifetime);
 * ```
 */
export function rosterPart(): CardPart {
  const list = labelled(el('ul'), 'Roster');
  return {
    element: partSection('peers$', list),
    run: ({ room }) =>
      room.peers$.pipe(
        tap((peers) => list.replaceChildren(...peers.map(rosterItem))),
        ignoreElements(),
        // Out of the room, nobody is listed: an old roster would be a ghost.
        finalize(() => list.replaceChildren()),
      ),
  };
}

function rosterItem(peer: RemotePeer): HTMLLIElement {
  const id = el('code', {}, peer.id);
  id.style.fontSize = '0.75em';
  return el('li', {}, el('strong', {}, peerName(peer)), ' ', id);
}
