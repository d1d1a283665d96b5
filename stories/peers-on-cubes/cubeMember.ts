/**
 * An in-page virtual member of the Peers on cubes stories: a picture and a voice, and a
 * `joinRoom` of its own, standing in for a person in another tab.
 */
import { BehaviorSubject, distinctUntilChanged, EMPTY, NEVER, switchMap, type Subscription } from 'rxjs';
import type { ToneMember } from '../hearing-peers/toneMember.ts';
import { inRoom } from '../rooms/inRoom.ts';
import type { CubeMember } from './cubeMembers.ts';
import { voicedPicture } from './voicedPicture.ts';

/**
 * Makes the member and joins `roomId` at once; everything it starts belongs to `lifetime`.
 * Shaped like the Hearing peers' members, so that their Leave/Join buttons and their Voices
 * panel work on it as they are.
 *
 * @example
 * ```ts
 * const cy = cubeMember({ name: 'Cy', color: '#2a4fe0', frequency: 660 }, roomId, lifetime);
 * cy.present.next(false); // Cy leaves: its cube shrinks away on every stage
 * ```
 */
export function cubeMember(member: CubeMember, roomId: string, lifetime: Subscription): ToneMember {
  const media = voicedPicture(member);
  const present = new BehaviorSubject(true);
  lifetime.add(
    present
      .pipe(
        distinctUntilChanged(),
        // Each join is a new joinRoom, so a new ID: on the stage, a new cube.
        switchMap((wanted) => (wanted ? inRoom(roomId, { name: member.name, stream: media.stream }, () => NEVER) : EMPTY)),
      )
      .subscribe(),
  );
  // Added after the stay: the member leaves the room before its picture and voice stop.
  lifetime.add(media);
  lifetime.add(() => present.complete());
  return { name: member.name, voice: media.voice, present };
}
