/**
 * The media exchanged with one member, from first contact (a dial, or the member's call)
 * until its link ends: the gated call out, the answered call in, and what that call carries.
 */
import { BehaviorSubject, switchMap, Subscription } from 'rxjs';
import type { IncomingCall } from '../rtc/IncomingCall.ts';
import type { GatedStream } from './gatedStream.ts';

export class MediaContact {
  /** What the member's call carries; the link shows it once the member is admitted. */
  readonly received = new BehaviorSubject<MediaStream | null>(null);
  /** Everything the contact holds: calls, timers. */
  readonly owned = new Subscription();
  /** What this member sends the other, until admission lets it through. */
  readonly gate: GatedStream | undefined;
  #answered: Subscription | undefined;

  constructor(gate: GatedStream | undefined) {
    this.gate = gate;
    if (gate) this.owned.add(() => gate.stop());
  }

  /**
   * Answers the member's call with nothing and passes on what it carries; a newer call from
   * the same member replaces the last.
   *
   * @example
   * ```ts
   * contact.answer(incomingCall);
   * contact.received.subscribe((stream) => show(stream));
   * ```
   */
  answer(call: IncomingCall): void {
    this.#answered?.unsubscribe();
    this.#answered = call
      .answer()
      .pipe(switchMap((answered) => answered.remoteStream$))
      .subscribe({ next: (stream) => this.received.next(stream), error: () => undefined });
    this.owned.add(this.#answered);
  }

  /**
   * Hangs up both calls and stops the gate's clones. Idempotent.
   *
   * @example
   * ```ts
   * contact.dispose();
   * ```
   */
  dispose(): void {
    this.owned.unsubscribe();
    this.received.complete();
  }
}
