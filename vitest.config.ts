import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './tools/chromium.ts';
import { firefox } from './tools/vitestFirefox.ts';
import { gestureCommands } from './tools/vitestGestureCommand.ts';
import { janusCommands } from './tools/vitestJanusCommands.ts';
import { signalingCommands } from './tools/vitestSignalingCommands.ts';

// One Chromium set-up for both browser layers (flags and binary from tools/chromium.ts).
// A fresh object per project: Vitest writes each project's name into its instances.
const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions() }),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
});

// The same tests in Firefox (tools/vitestFirefox.ts), run by `npm test` inside
// tools/firefoxNetwork.ts, where Firefox's ICE connects and it has WebGL.
const inFirefox = () => ({
  enabled: true,
  provider: firefox(),
  instances: [{ browser: 'firefox' as const }],
  screenshotFailures: false,
});

/** Browser tests that drive Chromium's DevTools protocol (`cdp()`): Chromium only. */
const CHROMIUM_ONLY = ['src/record/storageFull.browser.test.ts', 'src/app/recordingPanel.browser.test.ts'];

// Found up front rather than on first import, which reloads a running browser test. Per
// project: inline projects do not inherit the root config.
const optimizeDeps = { include: ['eventemitter3', 'mediabunny', 'peerjs', 'rxjs', 'tone', 'three', 'valibot'] };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'bench/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/*.janus.test.ts'],
          // Property tests run thousands of cases; on a loaded 2-core machine the default 5 s
          // would turn a slow run into a failure, i.e. a timing test, which tests must not be.
          testTimeout: 30_000,
        },
      },
      {
        optimizeDeps,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts'],
          globalSetup: ['tools/vitestSignalingSetup.ts'],
          testTimeout: 30_000,
          // Browser tests share 2 cores with Chromium's media pipelines: one file at a time.
          fileParallelism: false,
          browser: { ...chromium(), commands: { ...signalingCommands, ...gestureCommands } },
        },
      },
      {
        optimizeDeps,
        test: {
          name: 'browser-firefox',
          include: ['src/**/*.browser.test.ts'],
          exclude: CHROMIUM_ONLY,
          globalSetup: ['tools/vitestSignalingSetup.ts'],
          testTimeout: 30_000,
          fileParallelism: false,
          browser: { ...inFirefox(), commands: { ...signalingCommands, ...gestureCommands } },
        },
      },
      {
        // Browser tests against real Janus servers (tools/vitestJanusSetup.ts), run by
        // `npm run test:janus` inside tools/firefoxNetwork.ts: Janus gathers ICE on its veth.
        optimizeDeps,
        test: {
          name: 'janus',
          include: ['src/**/*.janus.test.ts'],
          globalSetup: ['tools/vitestJanusSetup.ts'],
          // A restarted Janus takes up to ~8 s to answer on the loaded machine (docs/janus-notes.md).
          testTimeout: 60_000,
          // One file at a time: the servers are shared and some tests stop them.
          fileParallelism: false,
          browser: { ...chromium(), commands: janusCommands },
        },
      },
      {
        optimizeDeps,
        test: {
          name: 'janus-firefox',
          // After the Chromium project, not beside it: both restart the same servers (commands.restartJanus).
          sequence: { groupOrder: 1 },
          include: ['src/**/*.janus.test.ts'],
          globalSetup: ['tools/vitestJanusSetup.ts'],
          testTimeout: 60_000,
          fileParallelism: false,
          browser: { ...inFirefox(), commands: janusCommands },
        },
      },
      {
        // Every story's play function, in Chromium, with /peerjs on the test server's own
        // port (the plugin comes in through .storybook/main.ts viteFinal).
        plugins: [storybookTest({ configDir: '.storybook' })],
        optimizeDeps,
        test: {
          name: 'storybook',
          setupFiles: ['stories/support/releaseLastStory.ts'],
          testTimeout: 30_000,
          fileParallelism: false,
          browser: chromium(),
        },
      },
      {
        // The same play functions in Firefox (run by `npm run test:firefox` inside
        // tools/firefoxNetwork.ts). A story whose feature Firefox lacks says so in its docs and
        // its play function checks what Firefox shows instead.
        // Stories tagged `chromium-only` show what Firefox cannot do yet (each says why).
        plugins: [storybookTest({ configDir: '.storybook', tags: { skip: ['chromium-only'] } })],
        optimizeDeps,
        test: {
          name: 'storybook-firefox',
          setupFiles: ['stories/support/releaseLastStory.ts'],
          testTimeout: 30_000,
          fileParallelism: false,
          browser: inFirefox(),
        },
      },
    ],
  },
});
