import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tools/chromium.ts';

const hubPort = Number(process.env.HOSTILE_HUB_PORT ?? 5499);

/** Where `npm start` runs for the hostile-client specs: the server strangers reach. */
export const HOSTILE_HUB_URL = `http://127.0.0.1:${hubPort}`;

// The hostile-client layer: raw WebSocket clients and hostile pages (PeerJS driven by their
// own scripts) against the real server, as `npm start` serves it. Specs that must watch the
// server process itself (its memory, how it exits) start one of their own
// (hostile/support/serverProcess.ts).
export default defineConfig({
  testDir: 'hostile',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  reporter: 'list',
  use: {
    baseURL: HOSTILE_HUB_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() },
    },
  ],
  webServer: [
    {
      // `npm start` itself, run directly: killing an npx parent leaves the server running.
      command: `node node_modules/tsx/dist/cli.mjs src/server/start.ts`,
      env: { PORT: String(hubPort), HOST: '127.0.0.1' },
      url: `${HOSTILE_HUB_URL}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
