/**
 * The gates of the calls a member placed (see gatedStream.ts), by the member called: two
 * while a tie between two of its links is undecided. Opened when the member is admitted,
 * switched to another source by `replaceTrack`.
 */
import type { GatedStream } from './gatedStream.ts';

export class CallGates {
  readonly #byMember = new Map<string, Set<GatedStream>>();

  /**
   * Keeps `gate` of a call to `remoteId`; returns what lets go of it (when the call ends).
   *
   * @example
   * ```ts
   * import { gatedStream } from './gatedStream.ts';
   * declare const shared: MediaStream;
   * const gates = new CallGates();
   * const letGo = gates.add('bo', gatedStream(shared));
   * gates.open('bo'); // bo is admitted
   * letGo(); // the call ended
   * ```
   */
  add(remoteId: string, gate: GatedStream): () => void {
    const gates = this.#byMember.get(remoteId) ?? new Set<GatedStream>();
    this.#byMember.set(remoteId, gates.add(gate));
    return () => {
      gates.delete(gate);
      if (gates.size === 0 && this.#byMember.get(remoteId) === gates) this.#byMember.delete(remoteId);
    };
  }

  /**
   * Lets the real media through on the calls to `remoteId`.
   *
   * @example
   * ```ts
   * declare const gates: CallGates;
   * gates.open('bo');
   * ```
   */
  open(remoteId: string): void {
    for (const gate of this.#byMember.get(remoteId) ?? []) gate.open();
  }

  /**
   * Sends `stream`'s tracks on every call from now on.
   *
   * @example
   * ```ts
   * declare const gates: CallGates, screen: MediaStream;
   * gates.setSource(screen);
   * ```
   */
  setSource(stream: MediaStream): void {
    for (const gates of this.#byMember.values()) {
      for (const gate of gates) gate.setSource(stream);
    }
  }
}
