/**
 * The hub page: the join screen, or a room session; back to the join screen after Leave or a
 * refusal (with what went wrong in words).
 */
import { from, map, of, switchMap, take, type Observable, type Subscription } from 'rxjs';
import { DEFAULT_CLIENT_CONFIG, type ClientConfig } from '../rtc/clientConfig.ts';
import { fetchClientConfig } from '../rtc/fetchClientConfig.ts';
import { element } from './dom.ts';
import { icon } from './icons.ts';
import { joinRequestFromSearch, joinRequestSearch, roomChoiceFromSearch, roomChoiceSearch, type JoinRequest } from './joinRequest.ts';
import { joinView } from './joinView.ts';
import { LARGE_ROOM_UNAVAILABLE, offersLargeRooms, refusalText, roomPlace } from './largeRooms.ts';
import { localMedia } from './localMedia.ts';
import type { MediaLease } from './mediaLease.ts';
import { noticesView } from './noticesView.ts';
import { joinDefaults, readRememberedJoin, rememberJoin } from './rememberedJoin.ts';
import { roomSession, type SessionEnd } from './roomSession.ts';

/** The hub's name and what it is, above the join form (index.html shows the same before the script runs). */
const brand = () =>
  element(
    'header',
    { class: 'brand' },
    element('h1', {}, icon('cubes'), ' peerstage'),
    element('p', {}, 'Meet in your browser: everyone on a cube, chat, and a recording of the room.'),
  );

/** How a try to join ended: the session's end, or no session, since its place was unavailable. */
type JoinEnd = SessionEnd | { readonly kind: 'unavailable' };

/**
 * Runs the hub in `main`: a link with `?room=` joins at once; otherwise the join screen
 * shows. Either waits for the server's client configuration first, which says whether large
 * rooms are offered. Returns what stops it.
 *
 * @example
 * ```ts
 * hubApp(document.querySelector('main')!);
 * ```
 */
export function hubApp(main: HTMLElement): { stop(): void } {
  let current: Subscription | undefined;
  let config: ClientConfig = DEFAULT_CLIENT_CONFIG;
  /** The configuration as the server has it now (`config` keeps the latest). */
  const freshConfig = () => from(fetchClientConfig()).pipe(map((fetched) => (config = fetched)));

  const showJoin = (initial: Partial<JoinRequest>, problem?: string) => {
    current?.unsubscribe();
    const view = joinView(initial, { largeRooms: offersLargeRooms(config) });
    const notices = noticesView();
    if (problem) notices.show(problem);
    main.replaceChildren(element('div', { class: 'join-page' }, brand(), notices.element, view.element));
    current = view.requests$.pipe(take(1)).subscribe((request) => {
      rememberJoin(request);
      // Taken before the join screen goes, which would stop the previewed camera.
      showSession(request, view.handOver());
    });
  };

  const showSession = (request: JoinRequest, previewed?: MediaLease) => {
    current?.unsubscribe();
    // Reloading the page rejoins the same room as the same person (with a fresh identity).
    history.replaceState(null, '', joinRequestSearch(request));
    // Asked again at each join: its TURN credentials are short-lived, and its media servers may
    // have changed since the page opened.
    current = freshConfig()
      .pipe(switchMap((fresh) => session(request, fresh, previewed)))
      .subscribe((end) => {
        history.replaceState(null, '', roomChoiceSearch(request));
        showJoin(request, problemAfter(request, end));
      });
    // The previewed camera is this session's, used or not (an unavailable large room never
    // subscribes to it): it stops when the session does.
    if (previewed) current.add(() => previewed.release());
  };

  const session = (request: JoinRequest, fresh: ClientConfig, previewed?: MediaLease): Observable<JoinEnd> => {
    const place = roomPlace(request, fresh, location);
    // Never the mesh instead: its members would not be the large room's, and nobody would know.
    if (place.kind === 'unavailable') return of({ kind: 'unavailable' });
    const join = place.kind === 'large' ? place.join : {};
    const media$ = previewed?.media$ ?? localMedia(request.media, request.name, request);
    return media$.pipe(switchMap((local) => roomSession(main, request, local, join)));
  };

  const problemAfter = (request: JoinRequest, end: JoinEnd): string | undefined => {
    if (end.kind === 'unavailable') return LARGE_ROOM_UNAVAILABLE;
    if (end.kind === 'refused') return refusalText(end.error, { large: request.large, largeRoomsOffered: offersLargeRooms(config) });
    return undefined;
  };

  current = freshConfig().subscribe(() => {
    const asked = joinRequestFromSearch(location.search);
    // A link names no devices (their IDs are this browser's): the ones last chosen here serve.
    const { camera, microphone } = readRememberedJoin();
    if (asked) return showSession({ ...(camera ? { camera } : {}), ...(microphone ? { microphone } : {}), ...asked });
    const choice = roomChoiceFromSearch(location.search);
    showJoin(joinDefaults(choice, location.search), choice.large && !offersLargeRooms(config) ? LARGE_ROOM_UNAVAILABLE : undefined);
  });
  return { stop: () => current?.unsubscribe() };
}
