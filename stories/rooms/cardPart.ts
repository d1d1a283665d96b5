/**
 * What a member's card is made of: each story picks the parts it needs (roster, videos,
 * chat…), and each part shows one side of the Room API.
 */
import type { Observable } from 'rxjs';
import type { Room } from '../../src/index.ts';

/** The member a part runs for, during one stay in the room. */
export interface Stay {
  readonly room: Room;
  /** This member's own name, as it joined. */
  readonly name: string;
}

/** One section of a member's card. */
export interface CardPart {
  /** Its DOM, in the card from the start (empty while the member is out). */
  readonly element: HTMLElement;
  /**
   * What it does while the member is in the room: subscribed once per stay, unsubscribed
   * before the member leaves.
   */
  run(stay: Stay): Observable<never>;
}
