/**
 * The roster changes part: each arrival and departure, as the difference between two rosters.
 * Read off `peers$` while the member is in the room, so its own leaving is not mistaken for
 * everyone else's; the history stays across stays.
 */
import { ignoreElements, pairwise, startWith, tap } from 'rxjs';
import type { RemotePeer } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';
import { peerName } from './peerName.ts';

/**
 * A list named "Roster changes": "Bo joined (id)", "Cy left (id)".
 *
 * @example
 * ```ts
 * virtualMember(spec, { roomId, parts: [rosterPart(), rosterChangesPart()] }, lifetime);
 * ```
 */
export function rosterChangesPart(): CardPart {
  const list = labelled(el('ol'), 'Roster changes');
  const note = (peer: RemotePeer, what: string) => list.append(el('li', {}, `${peerName(peer)} ${what} (${peer.id})`));
  return {
    element: partSection('peers$, change by change', list),
    run: ({ room }) =>
      room.peers$.pipe(
        startWith<readonly RemotePeer[]>([]),
        pairwise(),
        tap(([before, after]) => {
          // RemotePeer objects are stable for a stay: identity tells a rejoin from a stay.
          for (const peer of after) if (!before.includes(peer)) note(peer, 'joined');
          for (const peer of before) if (!after.includes(peer)) note(peer, 'left');
        }),
        ignoreElements(),
      ),
  };
}
