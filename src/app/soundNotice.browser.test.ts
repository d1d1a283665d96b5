/**
 * The hub's "Click to hear the room" prompt on a real AudioContext that the test holds
 * suspended (as a browser without a gesture, or without an audio output, does), beside the
 * real notice area.
 */
import { filter, firstValueFrom, NEVER, of, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { audioPlayback } from '../audio/audioPlayback.ts';
import { startAudioOnGesture } from '../audio/startAudioOnGesture.ts';
import { noticesView } from './noticesView.ts';
import { SOUND_PROMPT_LABEL, soundNotice } from './soundNotice.ts';
import { soundPrompt } from './soundPrompt.ts';

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
  const area = document.createElement('div');
  area.append(notices.element);
  document.body.append(area);
  releases.push(() => area.remove());
  const prompt = () => [...area.querySelectorAll('button')].find((button) => button.textContent === SOUND_PROMPT_LABEL);
  return { notices, prompt, text: () => notices.element.textContent ?? '' };
}

/** A gesture as the test browsers let a page see it (no real activation: `hasActivation` says yes). */
const gesture = () => document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));

describe('soundNotice', () => {
  it('shows a Click to hear the room button with the sound icon, starts sound on the first gesture, and goes once it runs', async () => {
    const context = await suspendedContext();
    const { notices, prompt } = mountNotices();
    const shown: Subscription = soundNotice(notices, {
      playback$: audioPlayback(context),
      start$: startAudioOnGesture(document, { start: () => context.resume(), hasActivation: () => true }),
    }).subscribe();
    releases.push(() => shown.unsubscribe());
    await expect.poll(prompt).toBeTruthy();
    expect(prompt()?.getAttribute('data-icon')).toBe('sound');
    expect(prompt()?.checkVisibility()).toBe(true);
    expect(context.state).toBe('suspended');
    gesture();
    await expect.poll(() => context.state).toBe('running');
    await expect.poll(prompt).toBeUndefined();
    expect(notices.element.querySelectorAll('li')).toHaveLength(0);
  });

  it('starts sound when the button itself is clicked, even with no gesture wait', async () => {
    const context = await suspendedContext();
    const { notices, prompt } = mountNotices();
    const shown = soundNotice(notices, {
      playback$: audioPlayback(context),
      start$: NEVER,
      prompt: soundPrompt(notices.element, () => context.resume()),
    }).subscribe();
    releases.push(() => shown.unsubscribe());
    await expect.poll(prompt).toBeTruthy();
    prompt()?.click();
    await expect.poll(() => context.state).toBe('running');
    await expect.poll(prompt).toBeUndefined();
  });

  it('takes the button away when unsubscribed', async () => {
    const { notices, prompt } = mountNotices();
    const shown = soundNotice(notices, { playback$: of(false), start$: NEVER }).subscribe();
    await expect.poll(prompt).toBeTruthy();
    shown.unsubscribe();
    expect(prompt()).toBeUndefined();
  });

  it('says why when the context never starts (as in Firefox with no audio output device)', async () => {
    const context = await suspendedContext();
    const { notices, text, prompt } = mountNotices();
    const shown = soundNotice(notices, {
      playback$: audioPlayback(context),
      start$: startAudioOnGesture(document, { start: () => new Promise<void>(() => {}), hasActivation: () => true, timeoutMs: 200 }),
    }).subscribe();
    releases.push(() => shown.unsubscribe());
    await expect.poll(prompt).toBeTruthy();
    gesture();
    await expect.poll(text).toContain('This browser could not start sound — no audio output? Levels and speaking lights are off.');
    expect(prompt()).toBeUndefined();
    // Sound that runs after all clears the failure.
    await context.resume();
    await expect.poll(() => notices.element.querySelectorAll('li').length).toBe(0);
  });
});
