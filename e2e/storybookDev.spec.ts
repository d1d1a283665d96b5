/**
 * `npm run storybook` as a learner meets it: the dev server renders a story and gives it a
 * PeerServer on its own port (Storybook applies the signaling plugin twice to one server; a
 * second PeerServer there once crashed it at the first peer).
 */
import { expect, test } from '@playwright/test';
import { STORYBOOK_URL } from '../playwright.config.ts';

test('storybook dev renders the Introduction live check, which connects two peers', async ({ page, request }) => {
  // Playwright starts `storybook dev` afresh: its first story waits for the whole preview to
  // compile, which takes most of a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  expect(await (await request.get(`${STORYBOOK_URL}/peerjs`)).json()).toMatchObject({ name: 'PeerJS Server' });
  await page.goto(`${STORYBOOK_URL}/iframe.html?id=introduction--welcome&viewMode=story`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to peerstage', { timeout: 120_000 });
  await expect(page.getByRole('status')).toHaveText(/^Ready: signaling at \/peerjs/, { timeout: 30_000 });
});
