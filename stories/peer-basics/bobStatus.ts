/**
 * Bob's side of a story, as one line of status text.
 */
import { describeError } from './describeError.ts';
import type { BobEvent } from './inPageBob.ts';

/**
 * The status line for `event`, or `undefined` for events shown elsewhere (chat lines).
 *
 * @example
 * ```ts
 * bobStatus({ kind: 'hung-up', from: 'Alice' }); // 'Bob: the call with Alice ended.'
 * ```
 */
export function bobStatus(event: BobEvent): string | undefined {
  switch (event.kind) {
    case 'open':
      return `Bob: online as ${event.id}, waiting.`;
    case 'connected':
      return `Bob: ${event.from} connected.`;
    case 'heard':
      return undefined;
    case 'disconnected':
      return `Bob: ${event.from} disconnected.`;
    case 'answered':
      return `Bob: in a call with ${event.from}.`;
    case 'hung-up':
      return `Bob: the call with ${event.from} ended.`;
    case 'error':
      return `Bob: ${describeError(event.error)}`;
  }
}
