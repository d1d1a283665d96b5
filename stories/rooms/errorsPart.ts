/**
 * The errors part: `errors$`, one line per RoomError, kept across stays so that the reason a
 * room turned this member away stays on screen after it has gone.
 */
import { ignoreElements, tap } from 'rxjs';
import { describeError } from '../peer-basics/describeError.ts';
import { el, labelled } from '../peer-basics/el.ts';
import type { CardPart } from './cardPart.ts';
import { partSection } from './partSection.ts';

/**
 * A list named "Errors": "RoomError (wrong-passphrase): …".
 *
 * @example
 * ```ts
 * virtualMember(eve, { roomId, parts: [errorsPart()] }, lifetime);
 * ```
 */
export function errorsPart(): CardPart {
  const list = labelled(el('ul'), 'Errors');
  return {
    element: partSection('errors$', list),
    run: ({ room }) =>
      room.errors$.pipe(
        tap((error) => list.append(el('li', {}, describeError(error)))),
        ignoreElements(),
      ),
  };
}
