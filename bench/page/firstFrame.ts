/**
 * Resolves when `stream`'s video has presented its first frame in a (detached, muted) video
 * element: the moment a person would see that member. The element is released after.
 */
export async function firstFrame(stream: MediaStream): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream(stream.getVideoTracks());
  try {
    await new Promise<void>((resolve, reject) => {
      video.requestVideoFrameCallback(() => resolve());
      video.play().catch(reject);
    });
  } finally {
    video.pause();
    video.srcObject = null;
  }
}
