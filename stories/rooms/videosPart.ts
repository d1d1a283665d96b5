/**
 * The videos part: every other member's `stream$`, one `<video>` per member.
 */
import { ignoreElements } from 'rxjs';
import { forEachPeer } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';
import { peerVideo } from './peerVideo.ts';

/**
 * A box named "Videos" with a `<video>` per member in the roster: made when the member
 * arrives, removed when it leaves (see {@link peerVideo}).
 *
 * @example
 * ```ts
 * virtualMember(spec, { roomId, parts: [rosterPart(), videosPart()] }, lifetime);
 * ```
 */
export function videosPart(): CardPart {
  const container = labelled(el('div'), 'Videos');
  container.style.display = 'flex';
  container.style.flexWrap = 'wrap';
  container.style.gap = '0.5rem';
  return {
    element: partSection('forEachPeer(peer => peer.stream$ …)', container),
    // When this member leaves, unsubscribing ends every inner at once: no video outlives it.
    run: ({ room }) =>
      room.peers$.pipe(
        forEachPeer((peer) => peerVideo(peer, container)),
        ignoreElements(),
      ),
  };
}
