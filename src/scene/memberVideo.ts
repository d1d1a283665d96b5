/**
 * A member's video as a texture: a muted, inline `<video>` playing the stream, read by a
 * three.js VideoTexture.
 */
import { SRGBColorSpace, VideoTexture } from 'three';

/** A playing video texture and the one call that releases it and its element. */
export interface MemberVideo {
  readonly texture: VideoTexture;
  readonly video: HTMLVideoElement;
  /** Stops playback, drops the stream (`srcObject = null`) and frees the texture. Idempotent. */
  release(): void;
}

/**
 * Starts playing `stream`'s video in a detached `<video>` and wraps it in a VideoTexture.
 * Only the video tracks go in, so the element never holds (nor, being muted, plays) the audio
 * that the audio layer owns. The element stays out of the DOM: Chromium decodes a detached,
 * muted, playing video, and there is then nowhere it could be left behind.
 *
 * @example
 * ```ts
 * import type { MeshBasicMaterial } from 'three';
 * declare const material: MeshBasicMaterial;
 * const { texture, release } = memberVideo(stream);
 * material.map = texture;
 * // when the member leaves
 * release();
 * ```
 */
export function memberVideo(stream: MediaStream): MemberVideo {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.srcObject = new MediaStream(stream.getVideoTracks());
  // Autoplay may be refused until a user gesture; the cube then shows the first frame it has.
  void video.play().catch(() => undefined);
  const texture = new VideoTexture(video);
  texture.colorSpace = SRGBColorSpace;
  let released = false;
  return {
    texture,
    video,
    release() {
      if (released) return;
      released = true;
      // The texture first: its dispose cancels the frame callback it holds on the element.
      texture.dispose();
      video.pause();
      video.srcObject = null;
      video.remove();
    },
  };
}
