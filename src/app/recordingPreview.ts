/**
 * A recording played back in the page, on demand: a Watch button that shows (and hides again)
 * a video of the file. The file's object URL exists only while the video is shown, so a list
 * of many recordings holds none until one is watched, and hiding it lets the file go.
 */
import { element } from './dom.ts';
import { iconButton } from './icons.ts';

export interface RecordingPreview {
  /** Shows or hides the video; `aria-expanded` says which. */
  readonly toggle: HTMLButtonElement;
  /** The video, hidden until Watch is pressed. */
  readonly video: HTMLVideoElement;
  /** Hides the video and revokes its URL. Idempotent. */
  dispose(): void;
}

let previews = 0;

/**
 * A Watch button and the video it shows for `file`, named `name` for people and screen readers.
 *
 * @example
 * ```ts
 * declare const recording: { file: Blob; fileName: string };
 * declare const line: HTMLLIElement;
 * const preview = recordingPreview(recording.file, recording.fileName);
 * line.append(preview.toggle, preview.video);
 * // when the line goes:
 * preview.dispose();
 * ```
 */
export function recordingPreview(file: Blob, name: string): RecordingPreview {
  previews += 1;
  const id = `recording-preview-${previews}`;
  const video = element('video', {
    id,
    class: 'recording-preview',
    controls: '',
    preload: 'metadata',
    hidden: '',
    'aria-label': `Preview of ${name}`,
  });
  let url: string | null = null;
  const hide = () => {
    if (url === null) return;
    video.pause();
    // Without a source the element drops its hold on the file before the URL goes.
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
    url = null;
    video.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
  };
  const show = () => {
    url = URL.createObjectURL(file);
    video.src = url;
    video.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
  };
  const toggle = iconButton('Watch', 'resume', () => (url === null ? show() : hide()), {
    'aria-label': `Watch ${name}`,
    'aria-expanded': 'false',
    'aria-controls': id,
  });
  return { toggle, video, dispose: hide };
}
