/**
 * audioPlayback on real contexts: Tone's global one and a plain AudioContext.
 */
import { filter, firstValueFrom } from 'rxjs';
import * as Tone from 'tone';
import { describe, expect, it } from 'vitest';
import { audioPlayback } from './audioPlayback.ts';

describe('audioPlayback', () => {
  it("follows Tone's global context", async () => {
    // Chromium runs with the autoplay flag, so Tone's context may start without a gesture.
    await Tone.start();
    expect(await firstValueFrom(audioPlayback())).toBe(true);
  });

  it('follows a plain AudioContext through suspend, resume and close', async () => {
    const context = new AudioContext();
    const seen: boolean[] = [];
    let completed = false;
    audioPlayback(context).subscribe({ next: (running) => seen.push(running), complete: () => (completed = true) });
    await firstValueFrom(audioPlayback(context).pipe(filter(Boolean)));
    await context.suspend();
    await expect.poll(() => seen.at(-1)).toBe(false);
    await context.resume();
    await expect.poll(() => seen.at(-1)).toBe(true);
    await context.close();
    await expect.poll(() => completed).toBe(true);
    // Suspended, resumed, closed; before that a new context may start suspended for a moment.
    expect(seen.slice(-3)).toEqual([false, true, false]);
  });
});
