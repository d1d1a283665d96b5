/**
 * One member's card: its name, what it shares, where it stands (status, ID), its Leave/Join
 * toggle and the parts a story chose. A region named after the member, so that the play
 * functions look inside one member at a time.
 */
import { el, labelled } from '../peer-basics/el.ts';

export interface MemberCard {
  readonly root: HTMLElement;
  readonly ownVideo: HTMLVideoElement;
  /** The Leave/Join button, when the story offers one. */
  readonly toggle: HTMLButtonElement | undefined;
  /** Where the parts go. */
  readonly parts: HTMLElement;
  joining(): void;
  joined(id: string): void;
  out(): void;
}

/**
 * @example
 * ```ts
 * const card = memberCard('Ada', { toggle: true });
 * card.joined('f3a…');
 * ```
 */
export function memberCard(name: string, options: { readonly toggle?: boolean } = {}): MemberCard {
  const ownVideo = labelled(el('video', { muted: true, autoplay: true, playsInline: true, width: 160, height: 120 }), 'Own video');
  ownVideo.style.background = '#111';
  const status = labelled(el('output', {}, 'Not in the room'), 'Status');
  const id = labelled(el('output', {}, '–'), 'ID');
  const toggle = options.toggle ? el('button', { type: 'button' }, 'Join') : undefined;
  const parts = el('div');
  const root = labelled(
    el(
      'section',
      {},
      el('h3', {}, name),
      ownVideo,
      el('p', {}, status, ...(toggle ? [' ', toggle] : [])),
      el('p', {}, 'self$: ', el('code', {}, id)),
      parts,
    ),
    name,
  );
  Object.assign(root.style, { border: '1px solid #ccc', borderRadius: '8px', padding: '0 0.75rem 0.75rem', width: '340px' });
  const show = (text: string, button: 'Join' | 'Leave') => {
    status.textContent = text;
    if (toggle) toggle.textContent = button;
  };
  return {
    root,
    ownVideo,
    toggle,
    parts,
    joining: () => show('Joining…', 'Leave'),
    joined: (selfId) => {
      show('In the room', 'Leave');
      id.textContent = selfId;
    },
    out: () => {
      show('Not in the room', 'Join');
      id.textContent = '–';
    },
  };
}

/**
 * The members side by side, as in one room.
 *
 * @example
 * ```ts
 * return membersRow(ada.card, bo.card, cy.card);
 * ```
 */
export function membersRow(...cards: readonly HTMLElement[]): HTMLElement {
  const row = el('div', {}, ...cards);
  Object.assign(row.style, {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '1rem',
    alignItems: 'flex-start',
    fontFamily: 'system-ui, sans-serif',
  });
  return row;
}
