/**
 * The page of the call stories: Alice's videos, her Call and Hang up buttons, both peers'
 * status lines and room for what a story adds (a Switch button, a stats table).
 */
import { el, labelled } from './el.ts';

export interface CallView {
  readonly root: HTMLElement;
  /** What Alice shares. */
  readonly localVideo: HTMLVideoElement;
  /** What reaches Alice from Bob. */
  readonly remoteVideo: HTMLVideoElement;
  /** What reaches Bob from Alice, when the story shows it. */
  readonly bobSeesVideo: HTMLVideoElement | undefined;
  readonly callButton: HTMLButtonElement;
  readonly hangUpButton: HTMLButtonElement;
  readonly aliceStatus: HTMLElement;
  readonly bobStatus: HTMLElement;
  readonly errors: HTMLElement;
  /** Where a story puts its own controls and readings. */
  readonly extra: HTMLElement;
}

export interface CallViewOptions {
  /** Also show the video as it arrives at Bob (to see a switch land on the far side). */
  readonly showBobsView?: boolean;
}

/**
 * Builds the call page, buttons disabled until the story enables them.
 *
 * @example
 * ```ts
 * const view = callView({ showBobsView: true });
 * showStream(view.localVideo, stream);
 * ```
 */
export function callView(options: CallViewOptions = {}): CallView {
  const localVideo = video('Alice shares');
  const remoteVideo = video('Alice receives');
  // The remote video carries Bob's tone: muted so that no story beeps unasked; its controls
  // let a learner unmute it.
  remoteVideo.controls = true;
  const bobSeesVideo = options.showBobsView ? video('Bob receives') : undefined;
  const callButton = el('button', { type: 'button', disabled: true }, 'Call Bob');
  const hangUpButton = el('button', { type: 'button', disabled: true }, 'Hang up');
  const aliceStatus = labelled(el('output', {}, 'Alice: registering…'), 'Alice');
  const bobStatus = labelled(el('output', {}, 'Bob: registering…'), 'Bob');
  const errors = labelled(el('ul'), 'Errors');
  const extra = el('div');

  const figures = el(
    'div',
    {},
    figure(localVideo, 'Alice shares (local stream)'),
    figure(remoteVideo, 'Alice receives (Bob’s remoteStream$)'),
    ...(bobSeesVideo ? [figure(bobSeesVideo, 'Bob receives (Alice’s stream at Bob)')] : []),
  );
  figures.style.display = 'flex';
  figures.style.flexWrap = 'wrap';
  figures.style.gap = '1rem';

  const root = el(
    'section',
    {},
    figures,
    el('p', {}, callButton, ' ', hangUpButton),
    el('p', {}, aliceStatus),
    el('p', {}, bobStatus),
    extra,
    errors,
  );
  root.style.fontFamily = 'system-ui, sans-serif';
  return { root, localVideo, remoteVideo, bobSeesVideo, callButton, hangUpButton, aliceStatus, bobStatus, errors, extra };
}

function video(label: string): HTMLVideoElement {
  // Muted, so autoplay needs no gesture; inline, so phones do not go full screen.
  return labelled(el('video', { muted: true, autoplay: true, playsInline: true, width: 320, height: 240 }), label);
}

function figure(media: HTMLVideoElement, caption: string): HTMLElement {
  const box = el('figure', {}, media, el('figcaption', {}, caption));
  box.style.margin = '0';
  media.style.background = '#111';
  return box;
}
