/**
 * The room's chat: a log and a "Message" box with a "Send" button. Whatever anyone writes
 * shows as text, never as HTML.
 */
import { fromEvent, Observable, Subscription } from 'rxjs';
import type { Room } from '../room/Room.ts';
import { chatMessage, MAX_CHAT_LENGTH, readChatMessage } from './chatMessage.ts';
import { element } from './dom.ts';
import { setIcon } from './icons.ts';
import { markShortcut } from './shortcuts.ts';

export interface ChatViewOptions {
  readonly room: Pick<Room, 'messages$' | 'send'>;
  /** The name to show for a member ID (members who left are still named in the log). */
  readonly nameOf: (peerId: string) => string;
  /** Shown beside what this member sends. */
  readonly selfName: string;
}

/**
 * Fills `section` with the chat while subscribed: messages in and out, in arrival order.
 *
 * @example
 * ```ts
 * const names = new Map<string, string>(); // member ID → name
 * chatView(container, { room, nameOf: (id) => names.get(id) ?? id, selfName: 'Ada' }).subscribe();
 * ```
 */
export function chatView(section: HTMLElement, options: ChatViewOptions): Observable<never> {
  return new Observable<never>(() => {
    const log = element('ol', { class: 'chat-log', 'aria-label': 'Chat', 'aria-live': 'polite' });
    const box = markShortcut(
      element('input', {
        type: 'text',
        'aria-label': 'Message',
        maxlength: String(MAX_CHAT_LENGTH),
        autocomplete: 'off',
        placeholder: 'Say something…',
      }),
      'chat',
    );
    const form = element(
      'form',
      { class: 'chat-form' },
      box,
      setIcon(element('button', { type: 'submit', class: 'primary' }, 'Send'), 'send'),
    );
    section.replaceChildren(element('h2', {}, 'Chat'), log, form);
    const line = (from: string, text: string, own: boolean) => {
      log.append(element('li', { class: own ? 'own' : '' }, element('strong', {}, from), ': ', text));
      log.scrollTop = log.scrollHeight;
    };
    const owned = new Subscription();
    owned.add(
      options.room.messages$.subscribe(({ from, data }) => {
        const chat = readChatMessage(data);
        if (chat) line(options.nameOf(from), chat.text, false);
      }),
    );
    owned.add(
      fromEvent<SubmitEvent>(form, 'submit').subscribe((event) => {
        event.preventDefault();
        const message = chatMessage(box.value);
        if (!message) return;
        options.room.send(message);
        line(options.selfName, message.text, true);
        box.value = '';
      }),
    );
    return () => {
      owned.unsubscribe();
      section.replaceChildren();
    };
  });
}
