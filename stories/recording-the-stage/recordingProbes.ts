/**
 * What the Recording the stage play functions ask of a finished recording: read the file
 * behind the `<video>` back, and seek the `<video>` the way a person drags its seek bar.
 */
import { expect, waitFor, within } from 'storybook/test';
import { inspectRecording, type RecordingReport } from '../../src/record/index.ts';
import { slow } from '../rooms/roomProbes.ts';
import { PLAYBACK } from './recordingPlayback.ts';

/** How far from the asked time a seek may land: a WebM seek lands on the asked frame, give or take one. */
const SEEK_TOLERANCE_S = 0.1;

/**
 * Waits for the story's playback `<video>` and its metadata (so its duration is known).
 *
 * @example
 * ```ts
 * const video = await playbackVideo(canvasElement);
 * ```
 */
export async function playbackVideo(canvasElement: HTMLElement): Promise<HTMLVideoElement> {
  const video = await waitFor(() => within(canvasElement).getByLabelText<HTMLVideoElement>(PLAYBACK.video), slow);
  await mediaEvent(video, 'loadedmetadata', () => video.readyState >= HTMLMediaElement.HAVE_METADATA);
  return video;
}

/**
 * The file `video` plays, read back with `inspectRecording` (the object URL is fetched: the
 * same bytes the player has).
 *
 * @example
 * ```ts
 * const report = await readBack(video);
 * ```
 */
export async function readBack(video: HTMLVideoElement): Promise<RecordingReport> {
  return inspectRecording(await (await fetch(video.currentSrc || video.src)).blob());
}

/**
 * Asserts what makes a recording seekable and whole: a known duration in the header, Cues,
 * one video and one audio track, frames in it.
 *
 * @example
 * ```ts
 * await expectSeekable(await readBack(video));
 * ```
 */
export async function expectSeekable(report: RecordingReport): Promise<void> {
  await expect(report.seekable).toBe(true);
  await expect(report.layout.hasCues).toBe(true);
  await expect(report.layout.durationS).not.toBeNull();
  await expect(report.layout.durationS ?? Number.NaN).toBeCloseTo(report.durationS, 1);
  await expect(report.tracks.filter((track) => track.type === 'video')).toHaveLength(1);
  await expect(report.tracks.filter((track) => track.type === 'audio')).toHaveLength(1);
  await expect(report.videoFrames).toBeGreaterThan(0);
}

/**
 * Sets `video.currentTime` to `seconds` and resolves with where the player landed once it
 * fired `seeked`; rejects on a media error.
 *
 * @example
 * ```ts
 * await expect(await seekTo(video, video.duration / 2)).toBeCloseTo(video.duration / 2, 1);
 * ```
 */
export async function seekTo(video: HTMLVideoElement, seconds: number): Promise<number> {
  const seeked = mediaEvent(video, 'seeked');
  video.currentTime = seconds;
  await seeked;
  return video.currentTime;
}

/**
 * Asserts that seeking `video` to the middle of its duration works.
 *
 * @example
 * ```ts
 * await expectSeeksToMiddle(video);
 * ```
 */
export async function expectSeeksToMiddle(video: HTMLVideoElement): Promise<void> {
  // A timesliced WebM without a Duration reports Infinity here: the seek bar would not work.
  await expect(Number.isFinite(video.duration)).toBe(true);
  const middle = video.duration / 2;
  const landed = await seekTo(video, middle);
  await expect(Math.abs(landed - middle)).toBeLessThan(SEEK_TOLERANCE_S);
}

/** Resolves on `video`'s next `name` event (or at once when `already()`); rejects on its `error`. */
function mediaEvent(video: HTMLVideoElement, name: string, already: () => boolean = () => false): Promise<void> {
  if (already()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      video.removeEventListener(name, onEvent);
      video.removeEventListener('error', onError);
    };
    const onEvent = () => {
      cleanup();
      resolve();
    };
    const onError = () => {
      cleanup();
      reject(new Error(`the video failed: ${video.error?.message ?? 'media error'}`));
    };
    video.addEventListener(name, onEvent);
    video.addEventListener('error', onError);
  });
}
