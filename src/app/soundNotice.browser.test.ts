/**
 * The hub's sound notice on a real AudioContext that the test holds suspended (as a browser
 * without a gesture, or without an audio output, does), in the real notice area.
 */
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { audioPlayback } from '../audio/audioPlayback.ts';
import { startAudioOnGesture } from '../audio/startAudioOnGesture.ts';
import { noticesView } from './noticesView.ts';
import { SOUND_OFF_NOTICE, soundNotice } from './soundNotice.ts';

const releases: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const release of releases.splice(0).reverse()) await release();
});

/** A context of its own, running first and then suspended: sound is off until a gesture. */
async function suspendedContext(): Promise<AudioContext> {
  const context = new AudioContext();
  releases.push(() => context.close());
  // Autoplay is allowed in the test browsers, so it starts by itself; take it back.
  await firstValueFrom(audioPlayback(context).pipe(filter(Boolean)));
  await context.suspend();
  return context;
}

function mountNotices() {
  const notices = noticesView();
  document.body.append(notices.element);
  releases.push(() => notices.element.remove());
  return { notices, text: () => notices.element.textContent ?? '' };
}

/** A gesture as the test browsers let a page see it (no real activation: `hasActivation` says yes). */
const gesture = () => document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));

describe('soundNotice', () => {
  it('says that sound is off, starts it on the first gesture, and dismisses the notice once it runs', async () => {
    const context = await suspendedContext();
    const { notices, text } = mountNotices();
    const shown: Subscription = soundNotice(notices, {
      playback$: audioPlayback(context),
      start$: startAudioOnGesture(document, { start: () => context.resume(), hasActivation: () => true }),
    }).subscribe();
    releases.push(() => shown.unsubscribe());
    await expect.poll(text).toContain(SOUND_OFF_NOTICE);
    expect(context.state).toBe('suspended');
    gesture();
    await expect.poll(() => context.state).toBe('running');
    await expect.poll(text).not.toContain(SOUND_OFF_NOTICE);
    expect(notices.element.querySelectorAll('li')).toHaveLength(0);
  });

  it('says why when the context never starts (as in Firefox with no audio output device)', async () => {
    const context = await suspendedContext();
    const { notices, text } = mountNotices();
    const shown = soundNotice(notices, {
      playback$: audioPlayback(context),
      start$: startAudioOnGesture(document, { start: () => new Promise<void>(() => {}), hasActivation: () => true, timeoutMs: 200 }),
    }).subscribe();
    releases.push(() => shown.unsubscribe());
    await expect.poll(text).toContain(SOUND_OFF_NOTICE);
    gesture();
    await expect.poll(text).toContain('This browser could not start sound — no audio output? Levels and speaking lights are off.');
    expect(text()).not.toContain(SOUND_OFF_NOTICE);
    // Sound that runs after all clears the failure.
    await context.resume();
    await expect.poll(() => notices.element.querySelectorAll('li').length).toBe(0);
  });
});
