/**
 * Story 2, "Connect and chat": Alice opens a data channel to Bob and they chat; Bob answers
 * every message.
 */
import {
  catchError,
  defer,
  EMPTY,
  filter,
  finalize,
  fromEvent,
  ignoreElements,
  map,
  merge,
  mergeMap,
  share,
  switchMap,
  takeUntil,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import { peerSession, type DataChannel } from '../../src/rtc/index.ts';
import { bobId } from './bobId.ts';
import { bobStatus } from './bobStatus.ts';
import { appendLine, chatLog } from './chatLog.ts';
import { describeError } from './describeError.ts';
import { el, labelled } from './el.ts';
import { inPageBob } from './inPageBob.ts';
import { messageText } from './remoteText.ts';

export type BobReplies = 'echo' | 'shout';

export interface ChatArgs {
  /** Alice's name, sent to Bob in the connection's metadata. */
  readonly name: string;
  /** How Bob answers. */
  readonly bobReplies: BobReplies;
}

const REPLIES: Readonly<Record<BobReplies, (text: string) => string>> = {
  echo: (text) => text,
  shout: (text) => `${text.toUpperCase()}!`,
};

interface ChatView {
  readonly log: HTMLOListElement;
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly send: HTMLButtonElement;
  readonly aliceStatus: HTMLElement;
  readonly bobStatus: HTMLElement;
  readonly errors: HTMLElement;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderChat(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderChat({ name, bobReplies }: ChatArgs, lifetime: Subscription): HTMLElement {
  const input = el('input', { name: 'message', autocomplete: 'off' });
  const send = el('button', { type: 'submit', disabled: true }, 'Send');
  const view: ChatView = {
    log: chatLog(),
    form: el('form', {}, el('label', {}, 'Message ', input), ' ', send),
    input,
    send,
    aliceStatus: labelled(el('output', {}, 'Alice: registering…'), 'Alice'),
    bobStatus: labelled(el('output', {}, 'Bob: registering…'), 'Bob'),
    errors: labelled(el('ul'), 'Errors'),
  };
  const root = el('section', {}, el('p', {}, view.aliceStatus), el('p', {}, view.bobStatus), view.log, view.form, view.errors);
  root.style.fontFamily = 'system-ui, sans-serif';

  // From the first moment: an unhandled submit (Enter before the channel opens) would reload
  // the story's frame.
  lifetime.add(fromEvent(view.form, 'submit').subscribe((event) => event.preventDefault()));

  // Shared: Bob's lines in the log and Alice's wait for his ID watch the same Bob.
  const bob$ = inPageBob({ reply: REPLIES[bobReplies] }).pipe(share());
  const bobsSide = bob$.pipe(
    tap((event) => {
      // Bob writes the lines he receives: a line from Alice is proof that it arrived.
      if (event.kind === 'heard') appendLine(view.log, event.from, event.text);
      else view.bobStatus.textContent = bobStatus(event) ?? view.bobStatus.textContent;
    }),
    ignoreElements(),
  );
  const alicesSide = peerSession().pipe(
    switchMap((alice) =>
      bobId(bob$).pipe(
        tap(() => (view.aliceStatus.textContent = 'Alice: connecting to Bob…')),
        switchMap((id) => alice.connect(id, { metadata: { name } })),
      ),
    ),
    switchMap((channel) => talk(view, channel)),
  );
  lifetime.add(
    merge(bobsSide, alicesSide)
      .pipe(
        catchError((error: unknown) => {
          view.errors.append(el('li', {}, describeError(error)));
          return EMPTY;
        }),
      )
      .subscribe(),
  );
  return root;
}

/** Alice's side of an open channel: Bob's messages into the log, the form's text out. */
function talk(view: ChatView, channel: DataChannel): Observable<never> {
  return defer(() => {
    view.send.disabled = false;
    view.aliceStatus.textContent = `Alice: connected to Bob (${channel.remoteId}).`;
    return merge(
      channel.messages$.pipe(tap((data) => appendLine(view.log, 'Bob', messageText(data)))),
      fromEvent(view.form, 'submit').pipe(
        map(() => view.input.value),
        filter((text) => text.trim() !== ''),
        tap(() => (view.input.value = '')),
        // send() resolves once queued, in order; a refusal (too large, closed) is shown.
        mergeMap((text) =>
          defer(() => channel.send(text)).pipe(
            catchError((error: unknown) => {
              view.errors.append(el('li', {}, describeError(error)));
              return EMPTY;
            }),
          ),
        ),
      ),
    ).pipe(
      ignoreElements(),
      // closed$ fires whichever side closed; the form's submits never complete.
      takeUntil(channel.closed$),
      finalize(() => {
        view.send.disabled = true;
        view.aliceStatus.textContent = 'Alice: disconnected.';
      }),
    );
  });
}
