/**
 * What a story's own member shares: the learner's camera and microphone when the story's
 * `camera` control is on, else a synthetic stream, so that the story needs no camera unless
 * asked. Either way the subscription owns the tracks and stops them when it ends.
 */
import { Observable } from 'rxjs';
import { userMedia, type SyntheticStreamOptions } from '../../src/index.ts';
import { ownedSyntheticStream } from './ownedStream.ts';

/** The `camera` control as each story that can use a camera offers it: off by default. */
export const CAMERA_ARG_TYPE = {
  control: 'boolean',
  description:
    'Share your camera and microphone instead of the synthetic picture and tone (the browser asks first). ' +
    'Off by default: every story runs without a camera.',
} as const;

/**
 * Emits one stream on subscribe — the camera's (asked for then) or a synthetic one — and stops
 * its tracks on unsubscribe. A refused camera errors with a `MediaAccessError`.
 *
 * @example
 * ```ts
 * lifetime.add(cameraOrSynthetic(args.camera, { label: 'Alice' }).subscribe((stream) => (video.srcObject = stream)));
 * ```
 */
export function cameraOrSynthetic(camera: boolean, synthetic: SyntheticStreamOptions): Observable<MediaStream> {
  if (camera) return userMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } });
  return new Observable<MediaStream>((subscriber) => {
    const owned = ownedSyntheticStream(synthetic);
    subscriber.next(owned.stream);
    return () => owned.unsubscribe();
  });
}
