/**
 * "Are you still there?" through the signaling server: a peer whose connections have gone
 * quiet is either gone (its tab closed, its machine off the network) or only without a path to
 * this one. The server relays the question to it only while it is registered, and it answers
 * at once; silence within the time allowed means gone.
 */
import { filter, firstValueFrom, map, of, timeout, type Subscription } from 'rxjs';
import type { SignalingPost } from './signalingPost.ts';

/**
 * Asks `remoteId` through `post`; resolves `true` if it answers within `timeoutMs`.
 *
 * @example
 * ```ts
 * import type { SignalingPost } from './signalingPost.ts';
 * declare const post: SignalingPost;
 * const there = await askReachable(post, 'bob', 1_000);
 * ```
 */
export function askReachable(post: SignalingPost, remoteId: string, timeoutMs: number): Promise<boolean> {
  const nonce = crypto.randomUUID();
  const answered = firstValueFrom(
    post.received$.pipe(
      filter(({ from, post: received }) => from === remoteId && received.kind === 'probe-reply' && received.nonce === nonce),
      map(() => true),
      timeout({ first: timeoutMs, with: () => of(false) }),
    ),
    { defaultValue: false },
  );
  post.send(remoteId, { kind: 'probe', nonce });
  return answered;
}

/**
 * Answers every probe that comes through `post`, until unsubscribed.
 *
 * @example
 * ```ts
 * import type { SignalingPost } from './signalingPost.ts';
 * declare const post: SignalingPost;
 * const answering = answerProbes(post);
 * ```
 */
export function answerProbes(post: SignalingPost): Subscription {
  return post.received$.subscribe(({ from, post: received }) => {
    if (received.kind === 'probe') post.send(from, { kind: 'probe-reply', nonce: received.nonce });
  });
}
