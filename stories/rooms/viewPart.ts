/**
 * The view part: this member tells every other member how large it shows their video
 * (`RemotePeer.showVideoAt`), as a stage does for each cube, so they send it no larger.
 */
import { EMPTY, ignoreElements, Observable } from 'rxjs';
import { forEachPeer, type VideoSize } from '../../src/index.ts';
import { el } from '../peer-basics/el.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';

/**
 * Shows `size` to every member in the room, or nothing when `size` is `null` (any size).
 *
 * @example
 * ```ts
 * virtualMember(spec, { roomId, parts: [viewPart({ width: 80, height: 60 })] }, lifetime);
 * ```
 */
export function viewPart(size: VideoSize | null): CardPart {
  const said = el('output', { ariaLabel: 'Shows others at' }, size ? `${size.width} × ${size.height} px` : 'any size');
  return {
    element: partSection('peer.showVideoAt(size)', el('p', {}, 'Shows the others’ videos at ', said)),
    run: ({ room }) =>
      size
        ? room.peers$.pipe(
            forEachPeer(
              (peer) =>
                new Observable<never>(() => {
                  peer.showVideoAt(size);
                }),
            ),
            ignoreElements(),
          )
        : EMPTY,
  };
}
