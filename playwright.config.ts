import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tools/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 5199);
const storybookPort = Number(process.env.E2E_STORYBOOK_PORT ?? 6199);

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
      command: `node node_modules/storybook/dist/bin/dispatcher.js dev --port ${storybookPort} --host 127.0.0.1 --ci --no-open`,
      url: `${STORYBOOK_URL}/index.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
