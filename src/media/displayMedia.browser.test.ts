/**
 * Screen capture in the real browsers: Chromium's fake picker (tools/chromium.ts) answers any
 * request; Firefox shares its (Xvfb) screen only from a trusted click (`commands.userGesture`).
 */
import { firstValueFrom, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { displayMedia } from './displayMedia.ts';
import { MediaAccessError } from './MediaAccessError.ts';

const inFirefox = navigator.userAgent.includes('Firefox');

let subscription: Subscription | undefined;
afterEach(() => {
  subscription?.unsubscribe();
  subscription = undefined;
});

describe('displayMedia in the browser', () => {
  it('shares a screen when asked from a click, and stops sharing on unsubscribe', async () => {
    await commands.userGesture();
    const stream = await new Promise<MediaStream>((resolve, reject) => {
      subscription = displayMedia({ video: true }).subscribe({ next: resolve, error: reject });
    });
    const [track] = stream.getVideoTracks();
    expect(track?.readyState).toBe('live');
    subscription?.unsubscribe();
    expect(track?.readyState).toBe('ended');
  });

  // Chromium's fake picker needs no gesture, so only Firefox can show the refusal.
  it.runIf(inFirefox)('is refused as needs-gesture outside a click (Firefox)', async () => {
    // Transient activation lasts a few seconds (Firefox: 5 s): wait it out after the last test's click.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const error = await firstValueFrom(displayMedia()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaAccessError);
    expect((error as MediaAccessError).reason).toBe('needs-gesture');
  });
});
