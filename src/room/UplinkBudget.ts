/**
 * Keeps the calls a member sends on within one uplink budget (splitUplink.ts): each call's
 * senders get their share when the call connects, and every call's share is set again when a
 * call comes or goes, or a receiver tells how large it shows this member's video. Within its
 * share each connection's congestion control still adapts to what the link carries; and where
 * the browser tells its estimate (Chromium), the budget itself fits a link narrower than it
 * (fitUplink.ts), sampled every {@link FIT_SAMPLE_MS}.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import { availableOutgoingBitrate } from '../rtc/summarizeStats.ts';
import { fitUplink } from './fitUplink.ts';
import { shareUplink, type CallEncodings, type VideoSize } from './splitUplink.ts';

/** The part of a call the budget sets: its connection's senders, and whom it sends to. */
export interface BudgetedCall {
  readonly peerConnection: RTCPeerConnection;
  readonly remoteId: string;
}

/** Between two looks at the link's estimate: a few of congestion control's own steps. */
export const FIT_SAMPLE_MS = 2_000;
/**
 * Receivers' views are taken at most this often: a member that keeps resizing (or a hostile
 * one) must not reconfigure every encoder on each message.
 */
export const VIEW_SETTLE_MS = 1_000;

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
  /** How large each member shows this member's video, by member ID, as it last told. */
  readonly #views = new Map<string, VideoSize>();
  #viewsTakenAt = Number.NEGATIVE_INFINITY;
  #viewsPending: ReturnType<typeof setTimeout> | undefined;
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

  /**
   * `memberId` shows this member's video at most `view` large (device pixels), or at any size
   * (`null`, also when it leaves): the call to it sends no larger, and what it does not need
   * goes to the other calls. Taken at once, then at most every {@link VIEW_SETTLE_MS}.
   *
   * @example
   * ```ts
   * budget.showAt('bo', { width: 320, height: 320 }); // Bo's stage shows this member's cube small
   * budget.showAt('bo', null); // Bo left
   * ```
   */
  showAt(memberId: string, view: VideoSize | null): void {
    const known = this.#views.get(memberId);
    if (view ? known?.width === view.width && known.height === view.height : !known) return;
    if (view) this.#views.set(memberId, { width: view.width, height: view.height });
    else this.#views.delete(memberId);
    if (this.#viewsPending || this.#effective.closed) return;
    this.#viewsPending = setTimeout(
      () => {
        this.#viewsPending = undefined;
        this.#viewsTakenAt = Date.now();
        this.#applyAll();
      },
      Math.max(0, this.#viewsTakenAt + VIEW_SETTLE_MS - Date.now()),
    );
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
    clearTimeout(this.#viewsPending);
    this.#sampling = this.#viewsPending = undefined;
    this.#views.clear();
    this.#effective.complete();
  }

  #applyAll(): void {
    if (this.#calls.size === 0) return;
    const calls = [...this.#calls.keys()];
    const shares = shareUplink(
      this.effectiveKbps,
      calls.map((call) => ({ view: this.#views.get(call.remoteId) ?? null, source: videoSourceSize(call.peerConnection) })),
    );
    calls.forEach((call, index) => void applyEncodings(call.peerConnection, shares[index] as CallEncodings));
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

/** The size of the video track `pc` sends, when it sends one and the browser tells its size. */
function videoSourceSize(pc: RTCPeerConnection): VideoSize | undefined {
  const track = pc.getSenders().find((sender) => sender.track?.kind === 'video')?.track;
  const { width, height } = track?.getSettings() ?? {};
  return width && height ? { width, height } : undefined;
}

/** A sender's kind when it sends nothing now (a gated call): from its transceiver. */
function kindOf(pc: RTCPeerConnection, sender: RTCRtpSender): string | undefined {
  return pc.getTransceivers().find((transceiver) => transceiver.sender === sender)?.receiver.track.kind;
}
