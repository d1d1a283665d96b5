/**
 * An in-page virtual member that only sounds: a tone voice and a `joinRoom`, standing in for
 * a person in another tab. Lighter than the Rooms stories' members: no picture, no card.
 */
import { BehaviorSubject, distinctUntilChanged, EMPTY, NEVER, switchMap, type Subscription } from 'rxjs';
import { inRoom } from '../rooms/inRoom.ts';
import type { HearingMember } from './hearingMembers.ts';
import { toneVoice, type ToneVoice } from './toneVoice.ts';

export interface ToneMember {
  readonly name: string;
  readonly voice: ToneVoice;
  /** Whether it wants to be in the room: `next(false)` leaves, `next(true)` joins again. */
  readonly present: BehaviorSubject<boolean>;
}

/**
 * Makes the member and joins `roomId` at once; everything it starts belongs to `lifetime`.
 * Each `present.next(true)` after a leave is a new `joinRoom`, so a new ID.
 *
 * @example
 * ```ts
 * const bo = toneMember({ name: 'Bo', frequency: 660, color: 'green' }, roomId, lifetime);
 * bo.present.next(false); // Bo leaves
 * ```
 */
export function toneMember(member: HearingMember, roomId: string, lifetime: Subscription): ToneMember {
  const voice = toneVoice(member.frequency);
  const present = new BehaviorSubject(true);
  lifetime.add(
    present
      .pipe(
        distinctUntilChanged(),
        // It only talks: nothing to show while in the room, so the stay is NEVER until it leaves.
        switchMap((wanted) => (wanted ? inRoom(roomId, { name: member.name, stream: voice.stream }, () => NEVER) : EMPTY)),
      )
      .subscribe(),
  );
  // Added after the stay: the member leaves the room before its voice stops.
  lifetime.add(voice);
  lifetime.add(() => present.complete());
  return { name: member.name, voice, present };
}
