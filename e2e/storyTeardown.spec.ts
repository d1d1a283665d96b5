/**
 * Leaving a story releases what it made. One preview page (the Storybook iframe, as the UI
 * hosts it) shows every story in turn, twice over, switching the way the sidebar does — with
 * Storybook's own `setCurrentStory`, so its teardown runs and nothing is reset by a reload —
 * and after each switch finds no open RTCPeerConnection, live MediaStreamTrack or WebGL
 * context left from a story already closed (e2e/leakProbe.ts counts them).
 *
 * The first pass lets each story's play function finish (the most a story makes). The second
 * turns play functions off (Storybook's `embed=true`) and leaves each story as soon as it has
 * rendered, while its peers are still connecting: teardown in the middle of things. (Leaving
 * during a play function is no test of the stories: Storybook reloads the preview when a play
 * function does not stop at once.)
 * It runs against the static build (e2e/staticStorybook.ts): `storybook dev` reloads its
 * preview whenever a stories file changes, which would end the run or, worse, reset the counts.
 */
import { expect, test, type Page } from '@playwright/test';
import { installLeakProbe, PROBE_GLOBAL, type LeakProbe, type LiveResource } from './leakProbe.ts';
import { staticStorybookForThisFile, type IndexEntry } from './staticStorybook.ts';

/** What the page is told and tells back, through Storybook's preview channel. */
interface Channel {
  emit(event: string, payload: unknown): void;
  on(event: string, listener: (payload: { storyId?: string; status?: string }) => void): void;
  off(event: string, listener: (payload: { storyId?: string; status?: string }) => void): void;
}
type PreviewPage = Record<string, unknown> & { __STORYBOOK_ADDONS_CHANNEL__: Channel; __leakProbe: LeakProbe };

/** How long a story may take to render and play before the test moves on regardless. */
const STORY_MS = 60_000;
/** Releases may finish a moment after the switch (a goodbye on a data channel, a context loss). */
const RELEASE_MS = 10_000;
/** Marks this page load: a reload (Storybook's last resort for a stuck story) would reset every count. */
const LOAD_MARK = '__teardownSpecLoad';

/** Shows `storyId` as the sidebar would and waits until it has rendered and played (if it plays). */
async function showStory(page: Page, storyId: string): Promise<string> {
  return page.evaluate(
    ({ storyId, probe, timeoutMs }) => {
      const preview = globalThis as unknown as PreviewPage;
      const channel = preview.__STORYBOOK_ADDONS_CHANNEL__;
      (preview[probe] as LeakProbe).story = storyId;
      return new Promise<string>((resolve) => {
        const done = (outcome: string) => {
          clearTimeout(timer);
          channel.off('storyFinished', onFinished);
          resolve(outcome);
        };
        const onFinished = (event: { storyId?: string; status?: string }) => {
          if (event.storyId === storyId) done(event.status ?? 'finished');
        };
        const timer = setTimeout(() => done('still running'), timeoutMs);
        channel.on('storyFinished', onFinished);
        channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
      });
    },
    { storyId, probe: PROBE_GLOBAL, timeoutMs: STORY_MS },
  );
}

function describe(live: readonly LiveResource[]): string {
  return live.map(({ kind, story, detail }) => `${kind} from ${story}: ${detail}`).join('\n');
}

const serverUrl = staticStorybookForThisFile();

test('leaving a story releases its peer connections, tracks and WebGL contexts (every story, twice)', async ({ page, request }) => {
  test.setTimeout(30 * 60_000);
  const storybook = `${serverUrl()}storybook`;
  const index = (await (await request.get(`${storybook}/index.json`)).json()) as { entries: Record<string, IndexEntry> };
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  expect(stories.length).toBeGreaterThan(10);

  await page.addInitScript(installLeakProbe);
  // Start on a story that makes nothing, so the first real story is a switch like the others.
  const quiet = stories.find((entry) => entry.id === 'introduction--without-live-check') ?? stories[0]!;
  await page.goto(`${storybook}/iframe.html?id=${quiet.id}&viewMode=story`);
  await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in globalThis && '__STORYBOOK_PREVIEW__' in globalThis);
  await page.evaluate((mark) => ((globalThis as unknown as Record<string, boolean>)[mark] = true), LOAD_MARK);

  for (const pass of [0, 1]) {
    if (pass === 1) {
      // Storybook reads `embed` from the address at each story it shows: no play functions now.
      await page.evaluate(() => {
        const { location, history } = globalThis as unknown as {
          location: { href: string };
          history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
        };
        const url = new URL(location.href);
        url.searchParams.set('embed', 'true');
        history.replaceState(history.state, '', url.toString());
      });
    }
    for (const story of [...stories, quiet]) {
      const started = Date.now();
      // Storybook reloads the page when a story's render cannot be torn down: name the story.
      const outcome = await showStory(page, story.id).catch((error: unknown) => {
        throw new Error(`the preview went away while leaving for ${story.id} (a reload?)`, { cause: error });
      });
      const line = `pass ${pass + 1} ${story.id}: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
      // As it goes: a stuck story shows at once, not at the end.
      console.log(line);
      const leftOpen = () =>
        page
          .evaluate(({ probe, current }) => ((globalThis as unknown as PreviewPage)[probe] as LeakProbe).liveExcept(current), {
            probe: PROBE_GLOBAL,
            current: story.id,
          })
          .then(describe);
      await expect.poll(leftOpen, { message: `left open before ${story.id} (pass ${pass + 1})`, timeout: RELEASE_MS }).toBe('');
      expect(await page.evaluate((mark) => mark in globalThis, LOAD_MARK), `the page reloaded while leaving for ${story.id}`).toBe(true);
    }
  }

  // The probe saw what the stories made: a count of zero would make the checks above vacuous.
  const made = await page.evaluate((probe) => ((globalThis as unknown as PreviewPage)[probe] as LeakProbe).made(), PROBE_GLOBAL);
  const total = (kind: LiveResource['kind']) => Object.values(made).reduce((sum, row) => sum + row[kind], 0);
  console.log(
    Object.entries(made)
      .map(([story, row]) => `${story}: ${JSON.stringify(row)}`)
      .join('\n'),
  );
  expect(total('peer connection')).toBeGreaterThan(0);
  expect(total('track')).toBeGreaterThan(0);
  expect(total('WebGL context')).toBeGreaterThan(0);
});
