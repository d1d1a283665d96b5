/**
 * How members notice one another vanish without a goodbye (a crashed tab, a dropped network):
 * each sends a ping every `heartbeatMs` and drops a member it has not heard from for
 * `leaveAfterMs`. The defaults drop a vanished member within 5 s, as the room promises.
 */
export interface HeartbeatPolicy {
  /** Between two pings on each link. */
  readonly heartbeatMs: number;
  /** Silence after which a member counts as gone. */
  readonly leaveAfterMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatPolicy = {
  heartbeatMs: 1_000,
  // Three missed pings and a margin for a busy main thread, and still under 5 s with the
  // check's own period added.
  leaveAfterMs: 3_500,
};
