/**
 * What a member does with what it shares: mute the microphone, turn the camera off, show a
 * screen instead of the camera (and back). Muting disables the tracks the calls send (they
 * carry this member's own tracks), and the screen replaces the camera track on every call
 * that exists: no new calls.
 */
import { Observable, type Subscription } from 'rxjs';
import { displayMedia } from '../media/displayMedia.ts';
import { MediaAccessError } from '../media/MediaAccessError.ts';
import type { Room } from '../room/Room.ts';
import { element } from './dom.ts';
import { icon, iconButton, setIcon, type IconName } from './icons.ts';
import { markShortcut, type ShortcutAction } from './shortcuts.ts';

export interface MediaControlsOptions {
  readonly room: Pick<Room, 'replaceTrack'>;
  /** What this member joined with; without audio or video the matching control is off. */
  readonly stream: MediaStream | null;
  /** Told of the picture this member now shows (the screen's, or the camera's again). */
  readonly onPicture: (stream: MediaStream) => void;
  /** Told of failures to show the person (a cancelled screen picker is none). */
  readonly onProblem: (error: unknown) => void;
}

/**
 * Fills `bar` with the controls while subscribed; unsubscribing stops a screen share.
 *
 * @example
 * ```ts
 * mediaControls(container, { room, stream, onPicture: (picture) => stage.setStream('me', picture), onProblem: console.warn }).subscribe();
 * ```
 */
export function mediaControls(bar: HTMLElement, options: MediaControlsOptions): Observable<never> {
  return new Observable<never>(() => {
    const { stream } = options;
    // Read at each click: a device switched in the room (roomDevices.ts) swaps the stream's tracks.
    const audio = () => stream?.getAudioTracks() ?? [];
    const camera = () => stream?.getVideoTracks()[0];
    let screen: Subscription | undefined;

    // A toggle keeps its name ("Mute" pressed is muted): a label that flips with the state
    // would say the opposite of what is happening to a screen reader. The icon shows the state.
    const toggle = (
      label: string,
      icons: readonly [on: IconName, off: IconName],
      action: ShortcutAction,
      tracks: () => MediaStreamTrack[],
    ) => {
      const control = markShortcut(
        iconButton(
          label,
          icons[0],
          () => {
            const off = control.getAttribute('aria-pressed') !== 'true';
            for (const track of tracks()) track.enabled = !off;
            control.setAttribute('aria-pressed', String(off));
            setIcon(control, off ? icons[1] : icons[0]);
          },
          { 'aria-pressed': 'false' },
        ),
        action,
      );
      control.disabled = tracks().length === 0;
      return control;
    };
    const mute = toggle('Mute', ['mic', 'micOff'], 'mute', audio);
    const cameraOff = toggle('Camera off', ['camera', 'cameraOff'], 'camera', () => [camera()].filter((track) => track !== undefined));
    const shareLabel = element('span', {}, 'Share screen');

    const backToCamera = () => {
      screen?.unsubscribe();
      screen = undefined;
      shareLabel.textContent = 'Share screen';
      const shown = camera();
      if (shown && stream) {
        options.room.replaceTrack(shown);
        options.onPicture(stream);
      }
    };
    const share = markShortcut(element('button', { type: 'button' }, icon('share'), shareLabel), 'share');
    share.addEventListener('click', () => {
      if (screen) return backToCamera();
      screen = displayMedia({ video: true }).subscribe({
        next: (shown) => {
          const [track] = shown.getVideoTracks();
          if (!track) return;
          options.room.replaceTrack(track);
          options.onPicture(new MediaStream([track, ...audio()]));
          shareLabel.textContent = 'Stop sharing screen';
        },
        // The browser's own "Stop sharing" ends the capture: show the camera again.
        complete: () => screen && backToCamera(),
        error: (error: unknown) => {
          screen = undefined;
          // Cancelling the picker is a choice, not a failure.
          if (!(error instanceof MediaAccessError && error.reason === 'permission-denied')) options.onProblem(error);
        },
      });
    });
    // Tracks can be replaced only on calls that carry video: no camera, no switching.
    share.disabled = !camera() || !('getDisplayMedia' in (navigator.mediaDevices ?? {}));

    bar.replaceChildren(element('div', { class: 'media-controls', role: 'group', 'aria-label': 'Your media' }, mute, cameraOff, share));
    return () => {
      screen?.unsubscribe();
      bar.replaceChildren();
    };
  });
}
