/**
 * How members notice one another vanish without a goodbye (a crashed tab, a dropped network):
 * each sends a ping every `heartbeatMs` and drops a member it has not heard from for
 * `leaveAfterMs`, unless that member's connection still carries packets: then its page is
 * only too busy to talk (a starved or frozen tab), and it is dropped after
 * `unresponsiveLeaveAfterMs`. The defaults drop a vanished member within 5 s, as the room
 * promises.
 */
export interface HeartbeatPolicy {
  /** Between two pings on each link. */
  readonly heartbeatMs: number;
  /** Silence after which a member whose connection is quiet too counts as gone. */
  readonly leaveAfterMs: number;
  /**
   * Silence after which a member counts as gone even though its connection still answers.
   * Default {@link DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS}.
   */
  readonly unresponsiveLeaveAfterMs?: number;
}

/** A page may stall this long (a busy machine, a debugger) before its member is dropped. */
export const DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS = 30_000;

export const DEFAULT_HEARTBEAT: HeartbeatPolicy = {
  heartbeatMs: 1_000,
  // Three missed pings and a margin for a busy main thread, and still under 5 s with the
  // silence check's own period (below) added.
  leaveAfterMs: 3_500,
};

/** The silence check's longest period: a fraction of the 5 s promise, for a few cheap timers. */
const MAX_SILENCE_CHECK_MS = 250;

/**
 * How often a link looks for silence. Finer than the pings: a vanished member is dropped at
 * most this long after `leaveAfterMs`, not a whole ping period later.
 *
 * @example
 * ```ts
 * silenceCheckMs(DEFAULT_HEARTBEAT); // 250
 * silenceCheckMs({ heartbeatMs: 100, leaveAfterMs: 400 }); // 100
 * ```
 */
export function silenceCheckMs(policy: HeartbeatPolicy): number {
  return Math.min(policy.heartbeatMs, MAX_SILENCE_CHECK_MS);
}
