/**
 * Keeps the calls a member sends on within one uplink budget (splitUplink.ts): each call's
 * senders get their share when the call connects, and every call's share is set again when a
 * call comes or goes. Within its share each connection's congestion control still adapts to
 * what the link carries; and where the browser tells its estimate (Chromium), the budget
 * itself fits a link narrower than it (fitUplink.ts), sampled every {@link FIT_SAMPLE_MS}.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import { availableOutgoingBitrate } from '../rtc/summarizeStats.ts';
import { fitUplink } from './fitUplink.ts';
import { splitUplink, type CallEncodings } from './splitUplink.ts';

/** The part of a call the budget sets: its connection's senders. */
export interface BudgetedCall {
  readonly peerConnection: RTCPeerConnection;
}

/** Between two looks at the link's estimate: a few of congestion control's own steps. */
export const FIT_SAMPLE_MS = 2_000;

export interface UplinkBudgetOptions {
  /** Between two looks at the link; default {@link FIT_SAMPLE_MS}. */
  readonly sampleMs?: number;
  /** What a connection estimates it can send, bit/s; `undefined` if it does not say. Tests replace it. */
  readonly estimateBps?: (pc: RTCPeerConnection) => Promise<number | undefined>;
}

const browserEstimate = async (pc: RTCPeerConnection) => availableOutgoingBitrate(await pc.getStats());

export class UplinkBudget {
  /**
   * The budget in force, kbit/s, now and at every change: the member's, or less while its link
   * carries less. Completes on `dispose`.
   */
  readonly effectiveKbps$: Observable<number>;
  readonly #uplinkKbps: number;
  readonly #options: UplinkBudgetOptions;
  readonly #calls = new Map<BudgetedCall, () => void>();
  /** The budget in force: the member's, or less on a narrower link. */
  readonly #effective: BehaviorSubject<number>;
  #lastEstimateKbps: number | undefined;
  #sampling: ReturnType<typeof setInterval> | undefined;
  #sampleRunning = false;

  /** `uplinkKbps`: the budget; `Infinity` leaves every call at the browser's own encodings. */
  constructor(uplinkKbps: number, options: UplinkBudgetOptions = {}) {
    if (!(uplinkKbps > 0)) throw new RangeError(`an uplink budget is a positive number of kbit/s, not ${uplinkKbps}`);
    this.#uplinkKbps = uplinkKbps;
    this.#effective = new BehaviorSubject(uplinkKbps);
    this.effectiveKbps$ = this.#effective.pipe(distinctUntilChanged());
    this.#options = options;
  }

  /**
   * Counts `call` in the budget until the returned function is called (when the call ends).
   *
   * @example
   * ```ts
   * const release = budget.add(call);
   * call.closed$.subscribe(release);
   * ```
   */
  add(call: BudgetedCall): () => void {
    if (!Number.isFinite(this.#uplinkKbps) || this.#calls.has(call)) return () => undefined;
    const pc = call.peerConnection;
    // Before negotiation a sender has no encodings to set: its share waits for the connection.
    const onState = () => pc.connectionState === 'connected' && this.#applyAll();
    pc.addEventListener('connectionstatechange', onState);
    this.#calls.set(call, () => pc.removeEventListener('connectionstatechange', onState));
    this.#applyAll();
    this.#sampling ??= setInterval(() => void this.#sample(), this.#options.sampleMs ?? FIT_SAMPLE_MS);
    return () => {
      const release = this.#calls.get(call);
      if (!release) return;
      release();
      this.#calls.delete(call);
      if (this.#calls.size > 0) return this.#applyAll();
      // Nothing to send on: the link is looked at afresh by the next call.
      clearInterval(this.#sampling);
      this.#sampling = this.#lastEstimateKbps = undefined;
    };
  }

  /** The calls counted now. */
  get size(): number {
    return this.#calls.size;
  }

  /** The budget in force, kbit/s: the member's, or less while the link carries less. */
  get effectiveKbps(): number {
    return this.#effective.value;
  }

  /**
   * Stops looking at the link and completes `effectiveKbps$` (the room has ended). Idempotent.
   *
   * @example
   * ```ts
   * budget.dispose();
   * ```
   */
  dispose(): void {
    clearInterval(this.#sampling);
    this.#sampling = undefined;
    this.#effective.complete();
  }

  #applyAll(): void {
    const encodings = splitUplink(this.effectiveKbps, this.#calls.size);
    for (const call of this.#calls.keys()) void applyEncodings(call.peerConnection, encodings);
  }

  /** Looks at the link's estimate over the connected calls and fits the budget to it. */
  async #sample(): Promise<void> {
    if (this.#sampleRunning) return;
    this.#sampleRunning = true;
    try {
      const connected = [...this.#calls.keys()].map((call) => call.peerConnection).filter((pc) => pc.connectionState === 'connected');
      if (connected.length === 0) return;
      const estimate = this.#options.estimateBps ?? browserEstimate;
      const each = await Promise.all(connected.map((pc) => estimate(pc).catch(() => undefined)));
      // A connection that does not say (Firefox), or one that closed meanwhile: no fit this time.
      if (each.some((bps) => bps === undefined) || this.#calls.size === 0) return;
      const estimateKbps = each.reduce<number>((sum, bps) => sum + (bps ?? 0), 0) / 1_000;
      const next = fitUplink(
        { configuredKbps: this.#uplinkKbps, effectiveKbps: this.effectiveKbps, calls: this.#calls.size },
        estimateKbps,
        this.#lastEstimateKbps,
      );
      this.#lastEstimateKbps = estimateKbps;
      if (next === this.effectiveKbps || this.#effective.closed) return;
      this.#effective.next(next);
      this.#applyAll();
    } finally {
      this.#sampleRunning = false;
    }
  }
}

/**
 * Sets `encodings` on each sender of `pc` by kind. A sender that has no encodings yet (not
 * negotiated), or a connection that closed meanwhile, is skipped: the next change sets it.
 */
async function applyEncodings(pc: RTCPeerConnection, encodings: CallEncodings): Promise<void> {
  if (pc.connectionState === 'closed') return;
  await Promise.all(
    pc.getSenders().map(async (sender) => {
      const kind = sender.track?.kind ?? kindOf(pc, sender);
      if (kind !== 'audio' && kind !== 'video') return;
      const parameters = sender.getParameters();
      const [first] = parameters.encodings;
      const wanted: Partial<RTCRtpEncodingParameters> = encodings[kind];
      // Unchanged parameters are not set again: each setting may reconfigure the encoder.
      if (!first || Object.entries(wanted).every(([key, value]) => first[key as keyof RTCRtpEncodingParameters] === value)) return;
      Object.assign(first, wanted);
      try {
        await sender.setParameters(parameters);
      } catch {
        // Closed or renegotiating meanwhile: what it sends is set again on the next change.
      }
    }),
  );
}

/** A sender's kind when it sends nothing now (a gated call): from its transceiver. */
function kindOf(pc: RTCPeerConnection, sender: RTCRtpSender): string | undefined {
  return pc.getTransceivers().find((transceiver) => transceiver.sender === sender)?.receiver.track.kind;
}
