/**
 * Step 7, "A room session": the hub's own room page (src/app/roomSession.ts) in the story's
 * canvas — stage, roster with levels, chat, media controls — with you as one member and two
 * in-page virtual members as the others, so the whole app runs in one tab.
 */
import { fromEvent, merge, of, switchMap, tap, type Subscription } from 'rxjs';
import { humanMessage } from '../../src/app/humanMessage.ts';
import { localMedia } from '../../src/app/localMedia.ts';
import { roomSession } from '../../src/app/roomSession.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { membersRow } from '../rooms/memberCard.ts';
import type { MemberSpec } from '../rooms/virtualMember.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { virtualMember } from '../rooms/virtualMember.ts';
import { hubChatPart } from './hubChatPart.ts';
import { HUB_SCOPE_CLASS, hubStyle } from './hubStyle.ts';

export interface HubArgs {
  /** Your name in the room. */
  readonly name: string;
  /** Share your camera and microphone instead of the hub's synthetic picture and tone. */
  readonly camera: boolean;
}

/** The two others in the room, each a `joinRoom` of its own in this page. */
export const HUB_OTHERS: readonly MemberSpec[] = [
  { name: 'Bo', color: '#3a7d44', frequency: 660 },
  { name: 'Cy', color: '#d9822b', frequency: 880 },
];

/** The accessible names the play function finds things by. */
export const HUB = {
  others: 'Virtual members',
  after: 'After the session',
  again: 'Join again',
} as const;

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderHub(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderHub({ name, camera }: HubArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const you = name.trim() || 'Ada';
  const hub = el('main', { className: HUB_SCOPE_CLASS });
  const after = labelled(el('p', { role: 'status' }), HUB.after);
  const again = el('button', { type: 'button', hidden: true }, HUB.again);

  const others = HUB_OTHERS.map((spec) => virtualMember(spec, { roomId, parts: [hubChatPart()] }, lifetime));

  // The hub page does this per join: media first, then the session; Leave ends both (the
  // camera light goes off), and "Join again" starts both afresh.
  const session = (): ReturnType<typeof roomSession> =>
    localMedia(camera ? 'camera' : 'synthetic', you).pipe(
      switchMap((local) => roomSession(hub, { room: roomId, name: you, media: camera ? 'camera' : 'synthetic' }, local)),
    );
  lifetime.add(
    merge(of(null), fromEvent(again, 'click'))
      .pipe(
        tap(() => {
          again.hidden = true;
          after.textContent = '';
        }),
        switchMap(() => session()),
      )
      .subscribe((end) => {
        after.textContent = end.kind === 'left' ? 'You left the room.' : `You could not stay: ${humanMessage(end.error)}`;
        again.hidden = false;
      }),
  );

  const othersBox = labelled(
    el('section', {}, el('h2', {}, 'The others, as if in their own tabs'), membersRow(...others.map((member) => member.card))),
    HUB.others,
  );
  const root = el('div', {}, hubStyle(), hub, el('p', {}, after, ' ', again), othersBox);
  root.style.fontFamily = 'system-ui, sans-serif';
  return root;
}
