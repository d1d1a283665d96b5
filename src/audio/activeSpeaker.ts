/**
 * `activeSpeaker`: who has the floor, from a room's levels, without flipping between two
 * people who talk at once.
 */
import { asyncScheduler, defer, distinctUntilChanged, map, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { MemberAudio } from './MemberAudio.ts';

/**
 * When the floor passes from a member who is still speaking to a louder one. (A member who
 * stops speaking or leaves hands it over at once: `speaking` already waited its release.)
 */
export interface ActiveSpeakerPolicy {
  /** How much louder than the active speaker another speaking member must be to take over. */
  readonly marginDb: number;
  /** How long that member must stay `marginDb` louder, without a break, to take over. */
  readonly switchAfterMs: number;
}

export const DEFAULT_ACTIVE_SPEAKER: ActiveSpeakerPolicy = {
  // Twice the sound pressure: two voices at about the same level never trade the floor.
  marginDb: 6,
  // Longer than a laugh or an "mm-hm" over the speaker; a real interruption lasts longer.
  switchAfterMs: 500,
};

/**
 * The ID of the member with the floor, or `null` when nobody speaks, from maps of
 * {@link MemberAudio} such as `roomLevels` emits. The floor goes to the loudest speaking
 * member when it is free, and stays with them while they speak, unless another speaking
 * member stays `marginDb` louder for `switchAfterMs` (see {@link DEFAULT_ACTIVE_SPEAKER}).
 * Emits on the first map and then on every change only.
 *
 * Time is read from `scheduler` when a map arrives; the maps may be reused and mutated
 * between emissions (as `roomLevels` does): nothing of them is kept.
 *
 * Throws a `RangeError` at once for a negative margin or delay.
 *
 * @example
 * ```ts
 * room.peers$.pipe(roomLevels({ self: { id: 'me', stream } }), activeSpeaker({ marginDb: 10 }))
 *   .subscribe((id) => console.log(id === null ? 'nobody speaks' : `${id} has the floor`));
 * ```
 */
export function activeSpeaker(
  policy: Partial<ActiveSpeakerPolicy> = {},
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<ReadonlyMap<string, MemberAudio>, string | null> {
  const { marginDb, switchAfterMs } = checkPolicy({ ...DEFAULT_ACTIVE_SPEAKER, ...policy });
  return (levels$) =>
    defer(() => {
      let current: string | null = null;
      /** Since when someone has been out-shouting `current`; NaN when nobody is. */
      let challengedSince = Number.NaN;

      const decide = (levels: ReadonlyMap<string, MemberAudio>): string | null => {
        let loudest: string | null = null;
        let loudestDb = Number.NEGATIVE_INFINITY;
        for (const [id, audio] of levels) {
          if (audio.speaking && (loudest === null || audio.levelDb > loudestDb)) {
            loudest = id;
            loudestDb = audio.levelDb;
          }
        }
        const holder = current === null ? undefined : levels.get(current);
        if (holder === undefined || !holder.speaking) {
          current = loudest;
          challengedSince = Number.NaN;
          return current;
        }
        // Whoever is loudest may change during a challenge (two people talking over the
        // speaker): the clock runs as long as anyone is clearly louder, and the loudest wins.
        // Strictly louder as well: two members both at -Infinity are not `marginDb` apart.
        if (loudest === current || !(loudestDb > holder.levelDb && loudestDb - holder.levelDb >= marginDb)) {
          challengedSince = Number.NaN;
          return current;
        }
        const now = scheduler.now();
        if (Number.isNaN(challengedSince)) challengedSince = now;
        if (now - challengedSince >= switchAfterMs) {
          current = loudest;
          challengedSince = Number.NaN;
        }
        return current;
      };

      return levels$.pipe(map(decide), distinctUntilChanged());
    });
}

function checkPolicy(policy: ActiveSpeakerPolicy): ActiveSpeakerPolicy {
  // Negations, so that NaN fails too.
  if (!(policy.marginDb >= 0 && Number.isFinite(policy.marginDb))) {
    throw new RangeError(`activeSpeaker: marginDb must be a finite level of 0 dB or more, not ${policy.marginDb}`);
  }
  if (!(policy.switchAfterMs >= 0 && Number.isFinite(policy.switchAfterMs))) {
    throw new RangeError(`activeSpeaker: switchAfterMs must be a finite delay of 0 ms or more, not ${policy.switchAfterMs}`);
  }
  return policy;
}
