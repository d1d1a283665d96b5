/**
 * Keeps the calls a member sends on within one uplink budget (splitUplink.ts): each call's
 * senders get their share when the call connects, and every call's share is set again when a
 * call comes or goes. Within its share each connection's congestion control still adapts to
 * what the link carries: on a constrained link it sends less, never more.
 */
import { splitUplink, type CallEncodings } from './splitUplink.ts';

/** The part of a call the budget sets: its connection's senders. */
export interface BudgetedCall {
  readonly peerConnection: RTCPeerConnection;
}

export class UplinkBudget {
  readonly #uplinkKbps: number;
  readonly #calls = new Map<BudgetedCall, () => void>();

  /** `uplinkKbps`: the budget; `Infinity` leaves every call at the browser's own encodings. */
  constructor(uplinkKbps: number) {
    if (!(uplinkKbps > 0)) throw new RangeError(`an uplink budget is a positive number of kbit/s, not ${uplinkKbps}`);
    this.#uplinkKbps = uplinkKbps;
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
    return () => {
      const release = this.#calls.get(call);
      if (!release) return;
      release();
      this.#calls.delete(call);
      if (this.#calls.size > 0) this.#applyAll();
    };
  }

  /** The calls counted now. */
  get size(): number {
    return this.#calls.size;
  }

  #applyAll(): void {
    const encodings = splitUplink(this.#uplinkKbps, this.#calls.size);
    for (const call of this.#calls.keys()) void applyEncodings(call.peerConnection, encodings);
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
      if (!first) return;
      Object.assign(first, encodings[kind]);
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
