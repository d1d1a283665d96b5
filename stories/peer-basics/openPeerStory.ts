/**
 * Story 1, "Open a peer": one peer registers with the page's signaling server, with a random
 * ID or the one chosen, and shows each state it passes through.
 */
import { catchError, EMPTY, ignoreElements, merge, switchMap, tap, type Subscription } from 'rxjs';
import { peerSession } from '../../src/rtc/index.ts';
import { describeError } from './describeError.ts';
import { el, labelled } from './el.ts';

export interface OpenPeerArgs {
  /** The ID to register; empty for one the server picks. */
  readonly id: string;
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderOpenPeer(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderOpenPeer({ id }: OpenPeerArgs, lifetime: Subscription): HTMLElement {
  const state = labelled(el('output', {}, '–'), 'State');
  const peerId = labelled(el('output', {}, '–'), 'Peer ID');
  const transitions = labelled(el('ol'), 'State transitions');
  const errors = labelled(el('ul'), 'Errors');
  const root = el(
    'section',
    {},
    el('p', {}, 'State: ', state),
    el('p', {}, 'ID: ', el('code', {}, peerId)),
    el('h3', {}, 'state$, as it happened'),
    transitions,
    el('h3', {}, 'errors$'),
    errors,
  );
  root.style.fontFamily = 'system-ui, sans-serif';

  const startedAt = performance.now();
  const chosen = id.trim() === '' ? {} : { id };
  lifetime.add(
    peerSession(chosen)
      .pipe(
        switchMap((session) =>
          merge(
            session.state$.pipe(
              tap((current) => {
                state.textContent = current;
                const after = Math.round(performance.now() - startedAt);
                transitions.append(el('li', {}, `${current} (after ${after} ms)`));
              }),
            ),
            session.id$.pipe(tap((registered) => (peerId.textContent = registered))),
            session.errors$.pipe(tap((error) => errors.append(el('li', {}, describeError(error))))),
          ).pipe(ignoreElements()),
        ),
        // The session's own failure (ID taken, invalid ID, no server) ends it: show why.
        catchError((error: unknown) => {
          state.textContent = 'failed';
          errors.append(el('li', {}, describeError(error)));
          return EMPTY;
        }),
      )
      .subscribe(),
  );
  return root;
}
