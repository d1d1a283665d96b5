/**
 * One `<video>` for one member's stay: the pattern `forEachPeer` exists for.
 */
import { Observable } from 'rxjs';
import type { RemotePeer } from '../../src/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { showStream } from '../peer-basics/showStream.ts';
import { peerName } from './peerName.ts';

/**
 * Subscribing puts a `<video>` named "Video of {name}" into `container` and plays the member's
 * `stream$` on it as it changes; unsubscribing blanks it and takes it out. Under
 * `forEachPeer`, that is when the member arrives and when it leaves: the element lives exactly
 * as long as the member's stay, and a member that comes back gets a new one.
 *
 * @example
 * ```ts
 * room.peers$.pipe(forEachPeer((peer) => peerVideo(peer, container))).subscribe();
 * ```
 */
export function peerVideo(peer: RemotePeer, container: HTMLElement): Observable<never> {
  return new Observable<never>(() => {
    const name = peerName(peer);
    // Muted, so autoplay needs no gesture; its controls let a learner unmute the tone.
    const video = labelled(
      el('video', { muted: true, autoplay: true, playsInline: true, controls: true, width: 160, height: 120 }),
      `Video of ${name}`,
    );
    video.style.background = '#111';
    const caption = el('figcaption', {}, name);
    const figure = el('figure', {}, video, caption);
    figure.style.margin = '0';
    container.append(figure);
    // Null until the member's call arrives; replays the latest.
    const playing = peer.stream$.subscribe((stream) => showStream(video, stream));
    return () => {
      playing.unsubscribe();
      showStream(video, null);
      figure.remove();
    };
  });
}
