/**
 * The "Joining" story's page: the hub's join screen with its preview, fed by synthetic
 * devices (Storybook runs with no camera), so a learner can pick a "camera" and see the
 * preview follow.
 */
import { Observable, of, type Subscription } from 'rxjs';
import { createSyntheticStream } from '../../src/media/createSyntheticStream.ts';
import type { MediaChoice } from '../../src/app/joinRequest.ts';
import { joinView } from '../../src/app/joinView.ts';
import type { LocalMedia } from '../../src/app/localMedia.ts';

export interface JoinArgs {
  /** The name the join screen starts with (as the remembered one would). */
  readonly name: string;
}

const FRONT = { deviceId: 'synthetic-front', label: 'Front camera (synthetic)', color: '#2f5bd3' };
const BACK = { deviceId: 'synthetic-back', label: 'Back camera (synthetic)', color: '#b45309' };

/** Two synthetic "cameras" and one "microphone", as `enumerateDevices` lists them. */
export const SYNTHETIC_DEVICES: Readonly<
  Record<'videoinput' | 'audioinput', readonly { deviceId: string; label: string; color: string }[]>
> = {
  videoinput: [FRONT, BACK],
  audioinput: [{ deviceId: 'synthetic-mic', label: 'Microphone (synthetic tone)', color: '' }],
};

/** The picked "camera" as a synthetic stream labelled with its name; unsubscribing stops it. */
function syntheticAcquire(choice: MediaChoice, name: string, devices: { camera?: string }): Observable<LocalMedia> {
  if (choice === 'none') return of({ stream: null });
  const camera = devices.camera === BACK.deviceId ? BACK : FRONT;
  return new Observable<LocalMedia>((subscriber) => {
    const label = choice === 'camera' ? camera.label : name || 'You';
    const stream = createSyntheticStream({ label, color: camera.color, width: 320, height: 240 });
    subscriber.next({ stream });
    return () => {
      for (const track of stream.getTracks()) track.stop();
    };
  });
}

/**
 * Renders the join screen with synthetic devices; what Join would send shows below it.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderJoin(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderJoin({ name }: JoinArgs, lifetime: Subscription): HTMLElement {
  const view = joinView(
    { room: 'story-room', name },
    {
      acquire: syntheticAcquire,
      devices$: (kind) =>
        of(
          (SYNTHETIC_DEVICES[kind as 'videoinput' | 'audioinput'] ?? []).map(
            ({ deviceId, label }) => ({ deviceId, label, kind, groupId: 'synthetic', toJSON: () => ({}) }) as MediaDeviceInfo,
          ),
        ),
    },
  );
  const asked = document.createElement('p');
  asked.setAttribute('role', 'status');
  asked.setAttribute('aria-label', 'Join request');
  lifetime.add(
    view.requests$.subscribe((request) => {
      // The story joins nothing: it shows what the hub would join with.
      asked.textContent = `Join ${request.room} as ${request.name}, sharing ${request.media}${request.camera ? ` from ${request.camera}` : ''}`;
    }),
  );
  const root = document.createElement('main');
  root.append(view.element, asked);
  root.style.fontFamily = 'system-ui, sans-serif';
  root.style.maxWidth = '30rem';
  return root;
}
