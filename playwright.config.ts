import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tools/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 5199);
const storybookPort = Number(process.env.E2E_STORYBOOK_PORT ?? 6199);
const hubPort = Number(process.env.E2E_HUB_PORT ?? 5399);

/** Where `npm start` (the production build and its signaling server) runs for the hub specs. */
export const HUB_URL = `http://127.0.0.1:${hubPort}`;

/** Where `storybook dev` runs for the e2e specs that visit stories. */
export const STORYBOOK_URL = `http://127.0.0.1:${storybookPort}`;

// Several browser contexts in one Chromium are several people; the dev server (with its
// embedded PeerServer at /peerjs) is their hub.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() },
    },
  ],
  // The binaries themselves, not `npx …`: killing an npx parent leaves the server running.
  webServer: [
    {
      command: `node node_modules/vite/bin/vite.js --port ${port} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // `npm start` itself (tsx run directly, for the same reason): it builds the hub if the
      // build is stale and serves it with its signaling server, as people run it.
      command: `node node_modules/tsx/dist/cli.mjs src/server/start.ts`,
      // The dev server's origin may signal here too: e2e/hubStage.spec.ts fills the hub's room
      // with light members (e2e/fixtures/member.html) served from there.
      env: { PORT: String(hubPort), HOST: '127.0.0.1', PEERSTAGE_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` },
      url: `${HUB_URL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node node_modules/storybook/dist/bin/dispatcher.js dev --port ${storybookPort} --host 127.0.0.1 --ci --no-open`,
      url: `${STORYBOOK_URL}/index.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
