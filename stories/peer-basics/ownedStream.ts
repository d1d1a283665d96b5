/**
 * A synthetic MediaStream with an owner: `createSyntheticStream` hands out live tracks that run
 * a canvas timer and an AudioContext until stopped, so each story ties them to a Subscription.
 */
import { defer, finalize, type Observable, type Unsubscribable } from 'rxjs';
import { createSyntheticStream, type SyntheticStreamOptions } from '../../src/index.ts';

/** Stops every track of `stream`, which frees what a synthetic stream runs on. */
export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** A synthetic stream whose tracks stop when it is unsubscribed. */
export interface OwnedStream extends Unsubscribable {
  readonly stream: MediaStream;
}

/**
 * Makes a synthetic stream now; `unsubscribe()` stops it, so a lifetime Subscription can own it.
 *
 * @example
 * ```ts
 * const local = ownedSyntheticStream({ label: 'Alice' });
 * lifetime.add(local);
 * video.srcObject = local.stream;
 * ```
 */
export function ownedSyntheticStream(options: SyntheticStreamOptions): OwnedStream {
  const stream = createSyntheticStream(options);
  return { stream, unsubscribe: () => stopTracks(stream) };
}

/**
 * Runs `use` with a fresh synthetic stream, made on subscribe, and stops it when what `use`
 * returned completes, errors or is unsubscribed: the stream lives exactly as long as, say,
 * one call.
 *
 * @example
 * ```ts
 * withSyntheticStream({ label: 'Bob' }, (stream) => incoming.answer(stream)).subscribe(showCall);
 * ```
 */
export function withSyntheticStream<T>(options: SyntheticStreamOptions, use: (stream: MediaStream) => Observable<T>): Observable<T> {
  return defer(() => {
    const owned = ownedSyntheticStream(options);
    return use(owned.stream).pipe(finalize(() => owned.unsubscribe()));
  });
}
