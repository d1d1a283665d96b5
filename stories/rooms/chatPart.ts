/**
 * The chat part: `messages$` as a log with each sender's name, and, for the member that has
 * the form, `send()` to everyone or to one member.
 */
import { defer, EMPTY, filter, finalize, fromEvent, ignoreElements, map, merge, tap, withLatestFrom, type Observable } from 'rxjs';
import { chatLog } from '../peer-basics/chatLog.ts';
import { el } from '../peer-basics/el.ts';
import { messageText } from '../peer-basics/remoteText.ts';
import type { CardPart, Stay } from './cardPart.ts';
import { chatForm, EVERYONE, type ChatForm } from './chatForm.ts';
import { partSection } from './partSection.ts';
import { peerName } from './peerName.ts';

export interface ChatPartOptions {
  /** Give this member the form: "Message", "To" and "Send". */
  readonly canSend?: boolean;
}

/**
 * A log named "Chat log": "Ada: hi" for a message to everyone, "Ada (to you only): hi" for a
 * direct one, and "Ada → Bo: hi" for what this member sent. Names and text stay text.
 *
 * @example
 * ```ts
 * virtualMember(ada, { roomId, parts: [chatPart({ canSend: true })] }, lifetime);
 * ```
 */
export function chatPart({ canSend = false }: ChatPartOptions = {}): CardPart {
  const log = chatLog();
  const form = canSend ? chatForm() : undefined;
  return {
    element: partSection('messages$ and send()', log, ...(form ? [form.root] : [])),
    run: (stay) => merge(received(stay, log), form ? sending(stay, form, log) : EMPTY),
  };
}

function received({ room }: Stay, log: HTMLOListElement): Observable<never> {
  return room.messages$.pipe(
    // `from` is an ID: the roster (it replays) gives the name the sender joined with.
    withLatestFrom(room.peers$),
    tap(([message, peers]) => {
      const sender = peers.find((peer) => peer.id === message.from);
      const note = message.direct ? ' (to you only)' : '';
      appendLine(log, sender ? peerName(sender) : message.from, note, messageText(message.data));
    }),
    ignoreElements(),
  );
}

function sending({ room, name }: Stay, form: ChatForm, log: HTMLOListElement): Observable<never> {
  return defer(() => {
    form.send.disabled = false;
    return merge(
      room.peers$.pipe(tap((peers) => form.setRecipients(peers))),
      fromEvent(form.root, 'submit').pipe(
        map(() => ({ text: form.message.value, to: form.to.value, toName: form.to.selectedOptions[0]?.text ?? '' })),
        filter(({ text }) => text.trim() !== ''),
        tap(({ text, to, toName }) => {
          form.message.value = '';
          // Delivery failures come back on errors$ (send-failed), not as exceptions.
          if (to === EVERYONE) room.send(text);
          else room.send(text, to);
          appendLine(log, name, ` → ${to === EVERYONE ? 'everyone' : toName}`, text);
        }),
      ),
    ).pipe(
      ignoreElements(),
      finalize(() => {
        form.send.disabled = true;
        form.setRecipients([]);
      }),
    );
  });
}

function appendLine(log: HTMLOListElement, from: string, note: string, text: string): void {
  log.append(el('li', {}, el('strong', {}, from), note, ': ', el('span', {}, text)));
}
