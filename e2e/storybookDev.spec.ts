/**
 * `npm run storybook` as a learner meets it: the dev server renders a story and gives it a
 * PeerServer on its own port (Storybook applies the signaling plugin twice to one server; a
 * second PeerServer there once crashed it at the first peer).
 */
import { expect, test } from '@playwright/test';
import { STORYBOOK_URL } from '../playwright.config.ts';

test('storybook dev renders Welcome and its live check connects two peers', async ({ page, request }) => {
  expect(await (await request.get(`${STORYBOOK_URL}/peerjs`)).json()).toMatchObject({ name: 'PeerJS Server' });
  await page.goto(`${STORYBOOK_URL}/iframe.html?id=welcome--welcome&viewMode=story`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to peerstage');
  await expect(page.getByRole('status')).toHaveText(/^Ready: signaling at \/peerjs/, { timeout: 30_000 });
});
