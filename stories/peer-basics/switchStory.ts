/**
 * Story 4, "Switch what you share": mid-call, Alice swaps the tracks she sends for another
 * synthetic stream's with `replaceTrack`; the call, and Bob's `remoteStream$`, stay the same.
 */
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  finalize,
  fromEvent,
  ignoreElements,
  switchMap,
  takeUntil,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import type { Call } from '../../src/rtc/index.ts';
import { callScene } from './callScene.ts';
import { callView, type CallView } from './callView.ts';
import { describeError } from './describeError.ts';
import { el } from './el.ts';
import { ownedSyntheticStream } from './ownedStream.ts';
import { showStream } from './showStream.ts';

export interface SwitchArgs {
  readonly firstLabel: string;
  readonly firstColor: string;
  readonly firstFrequency: number;
  readonly secondLabel: string;
  readonly secondColor: string;
  readonly secondFrequency: number;
}

interface Source {
  readonly label: string;
  readonly stream: MediaStream;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderSwitch(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderSwitch(args: SwitchArgs, lifetime: Subscription): HTMLElement {
  const view = callView({ showBobsView: true });
  const first = ownedSyntheticStream({ label: args.firstLabel, color: args.firstColor, frequency: args.firstFrequency });
  const second = ownedSyntheticStream({ label: args.secondLabel, color: args.secondColor, frequency: args.secondFrequency });
  lifetime.add(first);
  lifetime.add(second);
  const sources: readonly [Source, Source] = [
    { label: args.firstLabel, stream: first.stream },
    { label: args.secondLabel, stream: second.stream },
  ];
  const button = el('button', { type: 'button', disabled: true }, `Share ${args.secondLabel}`);
  view.extra.append(el('p', {}, button));
  showStream(view.localVideo, first.stream);

  lifetime.add(
    callScene(view, { stream: () => first.stream, name: 'Alice' })
      .pipe(switchMap((call) => switchOnClick(view, button, call, sources)))
      .subscribe(),
  );
  return view.root;
}

/** Toggles between the two sources on each click, for as long as `call` lasts. */
function switchOnClick(view: CallView, button: HTMLButtonElement, call: Call, sources: readonly [Source, Source]): Observable<never> {
  return defer(() => {
    // Every call starts with the first source (see callScene's `stream`).
    let shared: Source = sources[0];
    const other = () => (shared === sources[0] ? sources[1] : sources[0]);
    const show = () => {
      showStream(view.localVideo, shared.stream);
      button.textContent = `Share ${other().label}`;
    };
    button.disabled = false;
    return fromEvent(button, 'click').pipe(
      // One switch at a time, in click order: replaceTrack is asynchronous.
      concatMap(() => {
        const next = other();
        return defer(() => shareTracks(call, next.stream)).pipe(
          tap(() => {
            shared = next;
            show();
          }),
        );
      }),
      ignoreElements(),
      catchError((error: unknown) => {
        view.errors.append(el('li', {}, describeError(error)));
        return EMPTY;
      }),
      takeUntil(call.closed$),
      finalize(() => {
        button.disabled = true;
        shared = sources[0];
        show();
      }),
    );
  });
}

/** Sends each track of `stream` in place of the call's track of that kind: no renegotiation. */
async function shareTracks(call: Call, stream: MediaStream): Promise<void> {
  for (const track of stream.getTracks()) await call.replaceTrack(track);
}
