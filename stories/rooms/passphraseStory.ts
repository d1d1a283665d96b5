/**
 * Story 4, "Wrong passphrase": Ada and Bo share a passphrase; Eve comes with another one and
 * is never told who they are.
 */
import { combineLatest, filter, type Subscription } from 'rxjs';
import { errorsPart } from './errorsPart.ts';
import { membersRow } from './memberCard.ts';
import { rosterChangesPart } from './rosterChangesPart.ts';
import { rosterPart } from './rosterPart.ts';
import { storyRoomId } from './storyRoomId.ts';
import { virtualMember, type MemberSpec } from './virtualMember.ts';

export interface PassphraseArgs {
  /** What Ada and Bo join with. */
  readonly passphrase: string;
  /** What Eve tries. */
  readonly evePassphrase: string;
}

export const EVE: Omit<MemberSpec, 'join'> = { name: 'Eve', color: '#7e2b6e', frequency: 330 };

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderPassphrase(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderPassphrase({ passphrase, evePassphrase }: PassphraseArgs, lifetime: Subscription): HTMLElement {
  const roomId = storyRoomId();
  const parts = () => [rosterPart(), rosterChangesPart(), errorsPart()];
  const ada = virtualMember({ name: 'Ada', color: '#2b4c7e', frequency: 440, join: { passphrase } }, { roomId, parts: parts() }, lifetime);
  const bo = virtualMember({ name: 'Bo', color: '#3a7d44', frequency: 660, join: { passphrase } }, { roomId, parts: parts() }, lifetime);
  // Eve knocks once both are in: the directory then has members under another passphrase to
  // tell her about (on a stock PeerServer, one of them holds the rendezvous ID she dials).
  const bothIn = combineLatest([ada.self$, bo.self$]).pipe(filter(([atAda, atBo]) => atAda !== null && atBo !== null));
  const eve = virtualMember(
    { ...EVE, join: { passphrase: evePassphrase } },
    { roomId, parts: parts(), joinWhen: bothIn, toggle: true },
    lifetime,
  );
  return membersRow(ada.card, bo.card, eve.card);
}
