/**
 * The chat form: a "Message" box, a "To" choice (everyone, or one member) and "Send".
 */
import type { RemotePeer } from '../../src/index.ts';
import { el } from '../peer-basics/el.ts';
import { peerName } from './peerName.ts';

/** The value of the "Everyone" choice: `send()` without a `to`. */
export const EVERYONE = '';

export interface ChatForm {
  readonly root: HTMLFormElement;
  readonly message: HTMLInputElement;
  readonly to: HTMLSelectElement;
  readonly send: HTMLButtonElement;
  /** Offers "Everyone" and each of `peers`, keeping the choice while its member stays. */
  setRecipients(peers: readonly RemotePeer[]): void;
}

/**
 * Builds the form, "Send" disabled until the member is in a room.
 *
 * @example
 * ```ts
 * const form = chatForm();
 * room.peers$.subscribe((peers) => form.setRecipients(peers));
 * ```
 */
export function chatForm(): ChatForm {
  const message = el('input', { name: 'message', autocomplete: 'off' });
  const to = el('select', { name: 'to' });
  const send = el('button', { type: 'submit', disabled: true }, 'Send');
  // Never let a submit through: one before the room is joined would reload the story's frame.
  const root = el(
    'form',
    { onsubmit: (event: SubmitEvent) => event.preventDefault() },
    el('label', {}, 'Message ', message),
    ' ',
    el('label', {}, 'To ', to),
    ' ',
    send,
  );
  const setRecipients = (peers: readonly RemotePeer[]) => {
    const chosen = to.value;
    // Values are member IDs; the names, chosen by the members, are option text only.
    to.replaceChildren(
      el('option', { value: EVERYONE }, 'Everyone'),
      ...peers.map((peer) => el('option', { value: peer.id }, peerName(peer))),
    );
    to.value = peers.some((peer) => peer.id === chosen) ? chosen : EVERYONE;
  };
  setRecipients([]);
  return { root, message, to, send, setRecipients };
}
