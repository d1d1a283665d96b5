/**
 * The heartbeat's verdict: when a member that has gone silent counts as gone.
 */
import { interval, type SchedulerLike, type Subscription } from 'rxjs';
import { DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS, silenceCheckMs, type HeartbeatPolicy } from './heartbeatPolicy.ts';

export interface SilenceWatch {
  readonly heartbeat: HeartbeatPolicy;
  readonly scheduler: SchedulerLike;
  /** When the member was last heard from, on the scheduler's clock. */
  lastHeardAt(): number;
  /** Milliseconds since the link's connection last received a packet; `undefined` if unknown. */
  transportQuietMs(): Promise<number | undefined>;
  /**
   * Whether the member answers elsewhere (through the signaling server), asked once its
   * connection is quiet too: a member that does has lost its path, not left, and is held
   * until it has a path again or `unresponsiveLeaveAfterMs` pass. Not given: quiet is gone.
   */
  reachable?(): Promise<boolean>;
  /** Called once, when the member counts as gone. */
  gone(): void;
}

/**
 * Checks for silence several times per ping period until unsubscribed, and calls `gone()`
 * when the member has been silent for `leaveAfterMs` and its connection has been quiet too
 * (or cannot tell) and it does not answer elsewhere, or for `unresponsiveLeaveAfterMs`
 * whatever the connection says.
 *
 * Why ask the connection: on a machine too busy for every page's timers (six people on two
 * cores, each sending video), a member's pings can come seconds late while its network stack
 * goes on acknowledging ours. A crashed, closed or disconnected member's connection falls
 * silent with it; a busy one does not.
 *
 * @example
 * ```ts
 * import { msSinceTransportHeard } from 'peerstage/rtc';
 * let heardAt = asyncScheduler.now(); // set again on every message from the member
 * const watching = watchSilence({
 *   heartbeat: DEFAULT_HEARTBEAT,
 *   scheduler: asyncScheduler,
 *   lastHeardAt: () => heardAt,
 *   transportQuietMs: () => msSinceTransportHeard(link.channel.peerConnection),
 *   gone: () => link.close('silent'),
 * });
 * ```
 */
export function watchSilence(watch: SilenceWatch): Subscription {
  const { heartbeatMs, leaveAfterMs } = watch.heartbeat;
  const unresponsiveLeaveAfterMs = Math.max(leaveAfterMs, watch.heartbeat.unresponsiveLeaveAfterMs ?? DEFAULT_UNRESPONSIVE_LEAVE_AFTER_MS);
  // A live connection hears our pings acknowledged about once a ping period; one that has not
  // heard anything for nearly the whole silence is not merely busy.
  const transportQuietLimitMs = leaveAfterMs - heartbeatMs;
  const checkMs = silenceCheckMs(watch.heartbeat);
  const now = () => watch.scheduler.now();
  const silentMs = () => now() - watch.lastHeardAt();

  let lastCheckAt = now();
  let verdictPutOff = false;
  let asking = false;
  let lastAskedAt = Number.NEGATIVE_INFINITY;
  let over = false;
  const gone = () => {
    if (over) return;
    over = true;
    watch.gone();
  };

  const stillSilent = () => !over && silentMs() > leaveAfterMs;
  const askElsewhere = (reachable: () => Promise<boolean>) => {
    const answer = (there: boolean) => {
      asking = false;
      if (!there && stillSilent()) gone();
    };
    reachable().then(answer, () => answer(false));
  };
  const askTheConnection = () => {
    asking = true;
    lastAskedAt = now();
    const answer = (quietMs: number | undefined) => {
      const quiet = quietMs === undefined || quietMs >= transportQuietLimitMs;
      if (!quiet || !stillSilent()) {
        asking = false;
        return;
      }
      if (watch.reachable) return askElsewhere(() => watch.reachable?.() ?? Promise.resolve(false));
      asking = false;
      gone();
    };
    watch.transportQuietMs().then(answer, () => answer(undefined));
  };

  const subscription = interval(checkMs, watch.scheduler).subscribe(() => {
    const checkedAt = now();
    const missedABeat = checkedAt - lastCheckAt > 2 * checkMs;
    lastCheckAt = checkedAt;
    const silence = silentMs();
    if (silence <= leaveAfterMs) {
      verdictPutOff = false;
      return;
    }
    // A check that runs late (this page frozen: a starved main thread, a paused debugger) may
    // run before the pings that arrived meanwhile, so it leaves the verdict to the next
    // check, which runs after them. Once per silence: a page that keeps stalling still judges.
    if (missedABeat && !verdictPutOff) {
      verdictPutOff = true;
      return;
    }
    if (silence > unresponsiveLeaveAfterMs) return gone();
    // Once per ping period at most: a busy machine is the very case where getStats is slow.
    if (!asking && checkedAt - lastAskedAt >= heartbeatMs) askTheConnection();
  });
  subscription.add(() => (over = true));
  return subscription;
}
