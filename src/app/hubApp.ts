/**
 * The hub page: the join screen, or a room session; back to the join screen after Leave or a
 * refusal (with what went wrong in words).
 */
import { switchMap, take, type Subscription } from 'rxjs';
import { element } from './dom.ts';
import { humanMessage } from './humanMessage.ts';
import { joinRequestFromSearch, type JoinRequest } from './joinRequest.ts';
import { joinView } from './joinView.ts';
import { localMedia } from './localMedia.ts';
import { noticesView } from './noticesView.ts';
import { roomSession } from './roomSession.ts';

/**
 * Runs the hub in `main`: a link with `?room=` joins at once; otherwise the join screen
 * shows. Returns what stops it.
 *
 * @example
 * ```ts
 * hubApp(document.querySelector('main')!);
 * ```
 */
export function hubApp(main: HTMLElement): { stop(): void } {
  let current: Subscription | undefined;

  const showJoin = (initial: Partial<JoinRequest>, problem?: string) => {
    current?.unsubscribe();
    const view = joinView(initial);
    const notices = noticesView();
    if (problem) notices.show(problem);
    main.replaceChildren(element('h1', {}, 'peerstage'), notices.element, view.element);
    current = view.requests$.pipe(take(1)).subscribe((request) => showSession(request));
  };

  const showSession = (request: JoinRequest) => {
    current?.unsubscribe();
    // Reloading the page rejoins the same room as the same person (with a fresh identity).
    history.replaceState(null, '', linkFor(request));
    current = localMedia(request.media, request.name)
      .pipe(switchMap((local) => roomSession(main, request, local)))
      .subscribe((end) => {
        history.replaceState(null, '', `?${new URLSearchParams({ room: request.room })}`);
        showJoin(request, end.kind === 'refused' ? humanMessage(end.error) : undefined);
      });
  };

  const asked = joinRequestFromSearch(location.search);
  if (asked) showSession(asked);
  else showJoin({ room: new URLSearchParams(location.search).get('room') ?? '' });
  return { stop: () => current?.unsubscribe() };
}

function linkFor({ room, name, media }: JoinRequest): string {
  return `?${new URLSearchParams({ room, name, media })}`;
}
