/**
 * What the call stories' play functions do with Alice's buttons: call Bob and hang up, each
 * waiting until both sides show it.
 */
import type { StoryContext } from '@storybook/html-vite';
import { expect, waitFor } from 'storybook/test';
import { waitUntilPlaying, WEBRTC_TIMEOUT_MS } from './videoProbes.ts';

/** Waits as long as WebRTC may need on a busy machine (ICE, DTLS, first frames). */
export const slow = { timeout: WEBRTC_TIMEOUT_MS };

type Canvas = StoryContext['canvas'];

/** Clicks "Call Bob" once both peers are registered and waits for Bob's picture at Alice. */
export async function callBob(canvas: Canvas, click: (element: Element) => Promise<void>): Promise<void> {
  const call = canvas.getByRole('button', { name: 'Call Bob' });
  await waitFor(() => expect(call).toBeEnabled(), slow);
  await click(call);
  await waitUntilPlaying(canvas.getByLabelText<HTMLVideoElement>('Alice receives'));
  await waitFor(() => expect(canvas.getByRole('status', { name: 'Bob' })).toHaveTextContent('in a call with'), slow);
}

/** Hangs up and waits until both sides report the end of the call. */
export async function hangUp(canvas: Canvas, click: (element: Element) => Promise<void>): Promise<void> {
  await click(canvas.getByRole('button', { name: 'Hang up' }));
  await waitFor(() => expect(canvas.getByRole('status', { name: 'Alice' })).toHaveTextContent('Alice: call ended.'), slow);
  // Bob learns of it from his own Call's closed$: the hang-up travels over the network.
  await waitFor(() => expect(canvas.getByRole('status', { name: 'Bob' })).toHaveTextContent(/the call with .+ ended/), slow);
  await expect(canvas.getByLabelText<HTMLVideoElement>('Alice receives').srcObject).toBeNull();
}
