/**
 * A finished recording on the page: played back in a `<video controls>` whose seek bar works,
 * what `inspectRecording` reads back from it, and a Download button.
 */
import type { Unsubscribable } from 'rxjs';
import { downloadBlob, type FinishedRecording } from '../../src/index.ts';
import { inspectRecording, type RecordingReport } from '../../src/record/index.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { sizeText } from '../../src/app/recordingTime.ts';

/** Names the play functions find things by. */
export const PLAYBACK = { video: 'Recording', report: 'Read back', download: 'Download' } as const;

export interface RecordingPlayback extends Unsubscribable {
  readonly element: HTMLElement;
}

/**
 * Shows `recording`; `unsubscribe()` stops the video and revokes its object URL (the file
 * itself is the store's, deleted by whoever owns it).
 *
 * @example
 * ```ts
 * const shown = recordingPlayback(await recorder.stop());
 * slot.replaceChildren(shown.element);
 * lifetime.add(shown);
 * ```
 */
export function recordingPlayback(recording: FinishedRecording): RecordingPlayback {
  const url = URL.createObjectURL(recording.file);
  const video = labelled(el('video', { controls: true, src: url, preload: 'metadata' }), PLAYBACK.video);
  Object.assign(video.style, { width: '480px', display: 'block', background: '#000' });
  const report = labelled(el('ul', {}, el('li', {}, 'Reading the file back…')), PLAYBACK.report);
  const download = el('button', { type: 'button', textContent: PLAYBACK.download });
  download.onclick = () => void downloadBlob(recording.file, recording.fileName);
  let released = false;
  inspectRecording(recording.file).then(
    (read) => !released && report.replaceChildren(...reportLines(read, recording)),
    (error: unknown) =>
      !released &&
      report.replaceChildren(el('li', {}, `Could not read it back: ${error instanceof Error ? error.message : String(error)}`)),
  );
  const element = el(
    'section',
    {},
    el('h3', {}, 'The recording'),
    video,
    report,
    el('p', {}, download, ' as ', el('code', {}, recording.fileName)),
  );
  return {
    element,
    unsubscribe: () => {
      released = true;
      video.pause();
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      element.remove();
    },
  };
}

function reportLines(read: RecordingReport, recording: FinishedRecording): HTMLElement[] {
  const { layout } = read;
  const tracks = read.tracks.map((track) => `${track.type} (${track.codec ?? 'unknown codec'}, ${track.packets} packets)`).join(', ');
  return [
    `Duration: ${read.durationS.toFixed(2)} s (in the header: ${layout.durationS === null ? 'none' : `${layout.durationS.toFixed(2)} s`})`,
    `Tracks: ${tracks}`,
    `Video frames: ${read.videoFrames}`,
    `Cues: ${layout.hasCues ? 'yes' : 'no'}, SeekHead: ${layout.hasSeekHead ? 'yes' : 'no'} → ${read.seekable ? 'seekable' : 'NOT seekable'}`,
    `Size: ${sizeText(recording.file.size)}; made seekable in ${Math.round(recording.remuxMs)} ms (remuxed, not re-encoded)`,
  ].map((line) => el('li', {}, line));
}
