/**
 * Bob: the second peer every Peer basics story runs in the same page, so a learner needs no
 * second person or device. He registers with the page's signaling server like anyone else,
 * accepts every data connection and answers every chat message, and answers every call with a
 * synthetic stream of his own.
 */
import { catchError, concat, defer, ignoreElements, map, merge, mergeMap, of, switchMap, type Observable } from 'rxjs';
import { peerSession, type Call, type DataChannel, type IncomingCall, type PeerSession } from '../../src/rtc/index.ts';
import type { SyntheticStreamOptions } from '../../src/index.ts';
import { withSyntheticStream } from './ownedStream.ts';
import { messageText, nameFrom } from './remoteText.ts';

/** What Bob shares when called: a green picture and a 660 Hz tone, unlike anyone's defaults. */
export const BOB_MEDIA: SyntheticStreamOptions = { label: 'Bob', color: '#3a7d44', frequency: 660 };

export interface BobOptions {
  /** What Bob answers to a chat message; default: the same text back. */
  readonly reply?: (text: string) => string;
  /** What Bob answers calls with; default {@link BOB_MEDIA}. */
  readonly media?: SyntheticStreamOptions;
}

/** What Bob does, for the story to show. `from` is the caller's name from its metadata. */
export type BobEvent =
  | { readonly kind: 'open'; readonly id: string }
  | { readonly kind: 'connected'; readonly from: string }
  | { readonly kind: 'heard'; readonly from: string; readonly text: string }
  | { readonly kind: 'disconnected'; readonly from: string }
  | { readonly kind: 'answered'; readonly from: string; readonly call: Call }
  | { readonly kind: 'hung-up'; readonly from: string }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * Subscribing starts Bob: `open` comes with his ID, then one event per thing he does.
 * Unsubscribing ends his session, his connections and calls, and his stream. Errors when his
 * session cannot register (a `SignalingError`).
 *
 * @example
 * ```ts
 * inPageBob({ reply: (text) => text.toUpperCase() }).subscribe((event) => console.log(event.kind));
 * ```
 */
export function inPageBob(options: BobOptions = {}): Observable<BobEvent> {
  const reply = options.reply ?? ((text: string) => text);
  const media = options.media ?? BOB_MEDIA;
  return peerSession().pipe(switchMap((session) => bobsDay(session, reply, media)));
}

function bobsDay(session: PeerSession, reply: (text: string) => string, media: SyntheticStreamOptions): Observable<BobEvent> {
  return merge(
    session.id$.pipe(map((id): BobEvent => ({ kind: 'open', id }))),
    session.errors$.pipe(map((error): BobEvent => ({ kind: 'error', error }))),
    session.connections$.pipe(mergeMap((channel) => chatBack(channel, reply))),
    session.calls$.pipe(mergeMap((incoming) => answer(incoming, media))),
  );
}

/** Answers each message on `channel` until it closes (its `messages$` then completes). */
function chatBack(channel: DataChannel, reply: (text: string) => string): Observable<BobEvent> {
  const from = nameFrom(channel.metadata, channel.remoteId);
  return concat(
    of<BobEvent>({ kind: 'connected', from }),
    channel.messages$.pipe(
      mergeMap((data) => {
        const text = messageText(data);
        return concat(
          of<BobEvent>({ kind: 'heard', from, text }),
          // send() resolves once queued; a refusal (too large, closed) is shown, not thrown.
          defer(() => channel.send(reply(text))).pipe(
            ignoreElements(),
            catchError((error: unknown) => of<BobEvent>({ kind: 'error', error })),
          ),
        );
      }),
    ),
    of<BobEvent>({ kind: 'disconnected', from }),
  );
}

/** Answers with a stream made for this call alone and stopped when it ends. */
function answer(incoming: IncomingCall, media: SyntheticStreamOptions): Observable<BobEvent> {
  const from = nameFrom(incoming.metadata, incoming.remoteId);
  return withSyntheticStream(media, (stream) => incoming.answer(stream)).pipe(
    switchMap((call) =>
      concat(of<BobEvent>({ kind: 'answered', from, call }), call.closed$.pipe(map((): BobEvent => ({ kind: 'hung-up', from })))),
    ),
    catchError((error: unknown) => of<BobEvent>({ kind: 'error', error })),
  );
}
