/**
 * The RTCPeerConnections this page makes while subscribed. A Janus room makes its connections
 * (publisher, subscription, TextRoom) with the browser's constructor and hands none of them
 * out, so to read what a member sends there the story notes every connection the page makes;
 * the constructor is the browser's again once no subscriber is left.
 */
import { Observable } from 'rxjs';

type Listener = (connection: RTCPeerConnection) => void;

/** The one recording constructor in place, with whoever listens to it. */
let recording:
  | { readonly original: typeof RTCPeerConnection; readonly recorder: typeof RTCPeerConnection; readonly listeners: Set<Listener> }
  | undefined;

/**
 * Emits each RTCPeerConnection made in this page from subscription on. Nested subscribers share
 * one recording constructor.
 *
 * @example
 * ```ts
 * const made: RTCPeerConnection[] = [];
 * const noting = pageConnections().subscribe((pc) => made.push(pc));
 * noting.unsubscribe(); // the browser's constructor is back
 * ```
 */
export function pageConnections(): Observable<RTCPeerConnection> {
  return new Observable<RTCPeerConnection>((subscriber) => {
    if (!recording) {
      const original = globalThis.RTCPeerConnection;
      const listeners = new Set<Listener>();
      const recorder = class extends original {
        constructor(configuration?: RTCConfiguration) {
          super(configuration);
          for (const listener of listeners) listener(this);
        }
      };
      recording = { original, recorder, listeners };
      globalThis.RTCPeerConnection = recorder;
    }
    const current = recording;
    const listener: Listener = (connection) => subscriber.next(connection);
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || recording !== current) return;
      recording = undefined;
      // Someone may have wrapped the constructor after us: then theirs stays, and ours under it
      // only passes through, listened to by nobody.
      if (globalThis.RTCPeerConnection === current.recorder) globalThis.RTCPeerConnection = current.original;
    };
  });
}
