/**
 * The one place that knows which Chromium the tests, stories and benchmarks drive, and with
 * which flags. Vitest browser mode, the Storybook tests, Playwright e2e and the benchmark
 * harness all launch through {@link chromiumLaunchOptions}.
 */
import { findBrowserBinary } from './browserBinary.ts';

/** Environment variable that names a Chromium binary explicitly; it wins over any lookup. */
export const CHROMIUM_ENV = 'PEERSTAGE_CHROMIUM';

/** System Chromium builds, in the order we look for them (Debian's package first). */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * Flags every test browser runs with.
 * - fake media devices and auto-accepted permission prompts: no camera, no clicks;
 * - autoplay without a gesture: Tone.js and remote `<video>` start at once;
 * - no mDNS host candidates and loopback allowed: WebRTC pairs over 127.0.0.1 and never
 *   multicasts `.local` look-ups, so nothing leaves the machine (see ENVIRONMENT.md).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The Chromium binary to launch: `$PEERSTAGE_CHROMIUM`, else a system Chromium, else
 * `undefined`, which lets Playwright use its own downloaded browser.
 *
 * @example
 * ```ts
 * const path = findChromium(); // '/usr/bin/chromium' on Debian with the package installed
 * ```
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findBrowserBinary(CHROMIUM_ENV, SYSTEM_CHROMIUMS, env);
}

/**
 * Launch options for Playwright's `chromium.launch()` (and for the Vitest and Storybook
 * browser providers, which pass them through).
 *
 * @example
 * ```ts
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): {
  executablePath?: string;
  args: string[];
} {
  const executablePath = findChromium();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  };
}
