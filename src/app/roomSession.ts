/**
 * One room session in the hub, as one subscription: join, the stage, the roster, chat, media
 * controls; unsubscribing (or Leave) leaves the room and releases all of it.
 */
import { map, Observable, shareReplay, Subject, Subscription, take, takeUntil, timer } from 'rxjs';
import { roomLevels } from '../audio/roomLevels.ts';
import type { JoinOptions } from '../room/JoinOptions.ts';
import { joinRoom } from '../room/joinRoom.ts';
import type { RoomError } from '../room/RoomError.ts';
import { chatView } from './chatView.ts';
import { element } from './dom.ts';
import { helpDialog } from './helpDialog.ts';
import { humanMessage } from './humanMessage.ts';
import { iconButton } from './icons.ts';
import type { JoinRequest } from './joinRequest.ts';
import { LARGE_ROOM_BADGE } from './largeRooms.ts';
import type { LocalMedia } from './localMedia.ts';
import { keyboardShortcuts, performShortcut } from './keyboardShortcuts.ts';
import { mediaControls } from './mediaControls.ts';
import { noticesView } from './noticesView.ts';
import { recordingPanel } from './recordingPanel.ts';
import { roomDevices } from './roomDevices.ts';
import { rosterView } from './rosterView.ts';
import { shareLinkView } from './shareLinkView.ts';
import { markShortcut } from './shortcuts.ts';
import { soundNotice } from './soundNotice.ts';
import { stageCaption } from './stageCaption.ts';
import { type StageViews, stageViews } from './stageViews.ts';

/** How a session ended: Leave pressed, or a failure that keeps this member out of the room. */
export type SessionEnd = { readonly kind: 'left' } | { readonly kind: 'refused'; readonly error: RoomError };

/**
 * Failures after which staying on the room page helps nobody. Only the room's own verdicts
 * count: an error naming one member (`peerId`) is that member's word, which a stranger in the
 * room could give too; it is shown, and the session goes on.
 */
const REFUSALS: ReadonlySet<RoomError['reason']> = new Set(['wrong-passphrase', 'room-full', 'join-failed']);
const endsSession = (error: RoomError) => REFUSALS.has(error.reason) && error.peerId === undefined;

/** Joining takes a second or two; after this, say that it is still trying. */
const SLOW_JOIN_MS = 4_000;
const SLOW_JOIN_NOTICE = 'Still joining the room… peerstage keeps trying.';

/** Where the room meets, as `joinRoom` takes it: the mesh when empty, else a transport (largeRooms.ts). */
export type RoomSessionJoin = Pick<JoinOptions, 'transport' | 'iceServers'>;

/**
 * Runs the room page for `request` in `main` with `local` media, joining with `join` (a
 * large room's transport); emits once how it ended and completes. The session's own parts
 * (the room, the stage, analysers, views) live exactly as long as the subscription.
 *
 * @example
 * ```ts
 * roomSession(container, { room: 'jam', name: 'Ada', media: 'synthetic' }, { stream }).subscribe((end) => console.log('the room ended:', end));
 * ```
 */
export function roomSession(
  main: HTMLElement,
  request: JoinRequest,
  local: LocalMedia,
  join: RoomSessionJoin = {},
): Observable<SessionEnd> {
  return new Observable<SessionEnd>((subscriber) => {
    const owned = new Subscription();
    const notices = noticesView();
    const ended = new Subject<SessionEnd>();
    const leave = markShortcut(
      iconButton('Leave', 'leave', () => ended.next({ kind: 'left' }), { class: 'danger bar-end' }),
      'leave',
    );
    const help = helpDialog();
    const helpButton = markShortcut(
      iconButton('Help', 'help', () => help.open(), { class: 'quiet', 'aria-haspopup': 'dialog' }),
      'help',
    );
    const stageBox = element('div', { class: 'stage-canvas' });
    const caption = element('figcaption', {}, 'Joining…');
    const mediaBox = element('div', { class: 'bar-media' });
    const viewSlot = element('div', { class: 'bar-slot', 'data-slot': 'view' });
    // One bar for everything a member does; on phones it sticks to the bottom of the screen.
    // The stage's view switch (cubes or tiles) goes in its slot once the member is in.
    const controlBar = element(
      'div',
      { class: 'control-bar', role: 'group', 'aria-label': 'Controls' },
      mediaBox,
      viewSlot,
      helpButton,
      leave,
    );
    const recording = element('section', { class: 'recording-panel card', 'aria-label': 'Recording' });
    const rosterList = element('ul', { class: 'roster', 'aria-label': 'People in the room' });
    const chat = element('section', { class: 'chat card' });
    const page = element(
      'section',
      { class: 'room', 'aria-label': `Room ${request.room}` },
      element(
        'header',
        { class: 'room-header' },
        element('h2', {}, `Room: ${request.room}`),
        request.large ? element('p', { class: 'room-kind' }, LARGE_ROOM_BADGE) : null,
        shareLinkView(location.href, request.room, { large: request.large }),
      ),
      notices.element,
      element('div', { class: 'room-main' }, element('figure', { class: 'stage', 'aria-label': 'Stage' }, stageBox, caption), controlBar),
      element(
        'aside',
        { class: 'room-side', 'aria-label': 'People, chat and recordings' },
        element('section', { class: 'people card' }, element('h2', {}, 'People'), rosterList),
        chat,
        recording,
      ),
      help.element,
    );
    main.replaceChildren(page);
    // The keys press the page's own controls, so they work exactly when those do.
    owned.add(
      keyboardShortcuts().subscribe((action) => {
        if (!help.element.open) performShortcut(page, action);
      }),
    );
    if (local.problem !== undefined) notices.show(humanMessage(local.problem));
    // Levels, speaking lights and the recording's mix hear nothing until sound runs.
    owned.add(soundNotice(notices).subscribe());

    const room = joinRoom(request.room, {
      ...join,
      name: request.name,
      stream: local.stream ?? undefined,
      ...(request.passphrase ? { passphrase: request.passphrase } : {}),
    });
    owned.add(() => room.leave());
    const names = new Map<string, string>();
    const nameOf = (id: string) => names.get(id) ?? id;
    /** A failure in words for the person, and whole (with its cause) for whoever debugs. */
    const report = (error: unknown) => {
      console.warn('peerstage:', error, ...(error instanceof Error && error.cause !== undefined ? ['caused by', error.cause] : []));
      notices.show(humanMessage(error, nameOf));
    };
    owned.add(
      room.peers$.subscribe((peers) => {
        for (const peer of peers) names.set(peer.id, peer.name ?? peer.id);
      }),
    );
    owned.add(
      room.errors$.subscribe((error) => {
        if (endsSession(error)) ended.next({ kind: 'refused', error });
        else report(error);
      }),
    );
    owned.add(
      ended.pipe(take(1)).subscribe((end) => {
        subscriber.next(end);
        subscriber.complete();
      }),
    );
    const self$ = room.self$.pipe(shareReplay({ bufferSize: 1, refCount: true }));
    owned.add(
      timer(SLOW_JOIN_MS)
        .pipe(takeUntil(self$))
        .subscribe(() => notices.show(SLOW_JOIN_NOTICE)),
    );

    owned.add(
      self$.pipe(take(1)).subscribe((self) => {
        const levels$ = room.peers$.pipe(
          roomLevels({ self: self$.pipe(map(({ id }) => ({ id, stream: local.stream }))) }),
          shareReplay({ bufferSize: 1, refCount: true }),
        );
        // Cubes or tiles (stageViews.ts), switched from the control bar.
        let views: StageViews | undefined;
        const me = { id: self.id, name: request.name, stream: local.stream };
        owned.add(
          stageViews(stageBox, { peers$: room.peers$, self: me, levels$, switchSlot: viewSlot }).subscribe((shown) => (views = shown)),
        );
        owned.add(stageCaption(caption, request.name, room.peers$).subscribe());
        owned.add(rosterView(rosterList, { id: self.id, name: request.name }, room.peers$, levels$).subscribe());
        owned.add(chatView(chat, { room, nameOf, selfName: request.name }).subscribe());
        // Mute, camera and screen; and the device pickers, which swap the same stream's tracks.
        const ownMedia = {
          room,
          stream: local.stream,
          onPicture: (picture: MediaStream) => views?.setStream(self.id, picture),
          onProblem: report,
        };
        owned.add(mediaControls(mediaBox, ownMedia).subscribe());
        owned.add(roomDevices(controlBar, ownMedia).subscribe());
        owned.add(
          recordingPanel(recording, {
            stage: () => views?.recorded,
            peers$: room.peers$,
            self: local.stream,
            room: request.room,
          }).subscribe(),
        );
      }),
    );
    // Joined after all: the slow-join notice is moot.
    owned.add(self$.pipe(take(1)).subscribe(() => notices.dismiss(SLOW_JOIN_NOTICE)));
    return () => {
      owned.unsubscribe();
      main.replaceChildren();
    };
  });
}
