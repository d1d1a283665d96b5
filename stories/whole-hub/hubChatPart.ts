/**
 * A virtual member's side of the hub's chat: it reads and writes the hub's own chat message
 * (`{ kind: 'chat', text }`, checked with valibot before it is shown), so that what it types
 * shows up in the hub's Chat exactly as a person's would, and the hub's messages reach it.
 */
import { defer, filter, finalize, fromEvent, ignoreElements, map, merge, tap, withLatestFrom, type Observable } from 'rxjs';
import { chatMessage, readChatMessage } from '../../src/app/chatMessage.ts';
import { appendLine, chatLog } from '../peer-basics/chatLog.ts';
import { el } from '../peer-basics/el.ts';
import { peerName } from '../rooms/peerName.ts';
import type { CardPart, Stay } from '../rooms/cardPart.ts';
import { partSection } from '../rooms/partSection.ts';

/**
 * A "Chat log" of the hub chat messages that reached this member, and a "Message"/"Send" form
 * that sends one to everyone. Names and text stay text.
 *
 * @example
 * ```ts
 * virtualMember({ name: 'Bo', color: '#3a7d44', frequency: 660 }, { roomId, parts: [hubChatPart()] }, lifetime);
 * ```
 */
export function hubChatPart(): CardPart {
  const log = chatLog();
  const message = el('input', { name: 'message', autocomplete: 'off' });
  const send = el('button', { type: 'submit', disabled: true }, 'Send');
  // Never let a submit through: one before the room is joined would reload the story's frame.
  const form = el('form', { onsubmit: (event: SubmitEvent) => event.preventDefault() }, el('label', {}, 'Message ', message), ' ', send);
  return {
    element: partSection('send(chatMessage(text))', log, form),
    run: (stay) => merge(received(stay, log), sending(stay, form, message, send, log)),
  };
}

function received({ room }: Stay, log: HTMLOListElement): Observable<never> {
  return room.messages$.pipe(
    // `from` is an ID: the roster (it replays) gives the name the sender joined with.
    withLatestFrom(room.peers$),
    tap(([{ from, data }, peers]) => {
      // Anything that is not a well-formed chat message is not shown, as in the hub.
      const chat = readChatMessage(data);
      const sender = peers.find((peer) => peer.id === from);
      if (chat) appendLine(log, sender ? peerName(sender) : from, chat.text);
    }),
    ignoreElements(),
  );
}

function sending(
  { room, name }: Stay,
  form: HTMLFormElement,
  message: HTMLInputElement,
  send: HTMLButtonElement,
  log: HTMLOListElement,
): Observable<never> {
  return defer(() => {
    send.disabled = false;
    return fromEvent(form, 'submit').pipe(
      map(() => chatMessage(message.value)),
      filter((chat) => chat !== null),
      tap((chat) => {
        message.value = '';
        room.send(chat);
        appendLine(log, name, chat.text);
      }),
      ignoreElements(),
      finalize(() => (send.disabled = true)),
    );
  });
}
