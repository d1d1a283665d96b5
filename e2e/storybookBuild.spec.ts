/**
 * The static Storybook, hosted beside the hub: `npm run build-storybook` writes dist/storybook
 * and the production server (`npm start`) serves it at `/storybook/` with its signaling
 * server. Its index lists the learning path in order, and each step's docs page renders —
 * stories included, signalling through the production server's `/peerjs`.
 *
 * The build is made when stale (e2e/staticStorybook.ts).
 */
import { expect, test } from '@playwright/test';
import { INTRODUCTION_TITLE, LEARNING_PATH } from '../stories/support/learningPath.ts';
import { STEP_SECTIONS } from '../stories/support/stepGuide.ts';
import { staticStorybookForThisFile, type IndexEntry } from './staticStorybook.ts';

const serverUrl = staticStorybookForThisFile();

const docsOf = (entries: readonly IndexEntry[], title: string) => entries.find((entry) => entry.title === title && entry.type === 'docs');

test('the built index lists the Introduction, then the steps in order, each with a docs page', async ({ request }) => {
  const index = (await (await request.get(`${serverUrl()}storybook/index.json`)).json()) as { entries: Record<string, IndexEntry> };
  const entries = Object.values(index.entries);
  const titles = [...new Set(entries.map((entry) => entry.title))];
  const expected = [INTRODUCTION_TITLE, ...LEARNING_PATH.map((step) => step.title)];
  // Nothing off the path, nothing missing, and the order of the handout.
  expect(titles).toEqual(expected);
  for (const title of expected) expect(docsOf(entries, title), `a docs page for ${title}`).toBeDefined();
});

test('the Introduction renders, links every step and passes its live check', async ({ page }) => {
  await page.goto(`${serverUrl()}storybook/iframe.html?id=introduction--docs&viewMode=docs`);
  await expect(page.getByRole('heading', { level: 1, name: /peerstage, step by step$/ })).toBeVisible({ timeout: 30_000 });
  const steps = page
    .locator('ol')
    .filter({ has: page.getByRole('link', { name: 'Rooms' }) })
    .first()
    .getByRole('link');
  await expect(steps).toHaveText(LEARNING_PATH.map((step) => step.title.replace(/^\d+\.\s*/, '')));
  // The live check signals through the production server's /peerjs: the static build works there.
  await expect(page.getByText(/^Ready: signaling at \/peerjs/)).toBeVisible({ timeout: 30_000 });
});

for (const step of LEARNING_PATH) {
  test(`the docs page of ${step.title} renders its sections`, async ({ page, request }) => {
    const index = (await (await request.get(`${serverUrl()}storybook/index.json`)).json()) as { entries: Record<string, IndexEntry> };
    const docs = docsOf(Object.values(index.entries), step.title);
    expect(docs, `a docs page for ${step.title}`).toBeDefined();
    await page.goto(`${serverUrl()}storybook/iframe.html?id=${docs!.id}&viewMode=docs`);
    await expect(page.getByRole('heading', { level: 1, name: step.title })).toBeVisible({ timeout: 30_000 });
    // Docs headings carry a "Copy heading URL" link in their accessible name: match the end.
    for (const section of STEP_SECTIONS)
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(`${section}$`) })).toBeVisible();
  });
}
