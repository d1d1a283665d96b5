/**
 * The one place that knows which Firefox the tests, stories and benchmarks drive, and with
 * which preferences. Playwright's Firefox is a patched build that has to be downloaded, so
 * Firefox runs here as the stock binary (Debian's `firefox-esr`) driven over WebDriver BiDi
 * by `puppeteer-core`.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowserBinary } from './browserBinary.ts';

/** Environment variable that names a Firefox binary explicitly; it wins over any lookup. */
export const FIREFOX_ENV = 'PEERSTAGE_FIREFOX';

/** System Firefox builds, in the order we look for them (Debian's ESR package first). */
const SYSTEM_FIREFOXES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

/**
 * Preferences every test Firefox runs with: the counterpart of `CHROMIUM_ARGS`.
 * - fake media devices and no permission prompts: no camera, no clicks;
 * - autoplay allowed: Tone.js and remote `<video>` start without a gesture;
 * - loopback ICE and plain host addresses (no mDNS names), so peers pair on this machine;
 * - none of Firefox's own traffic (updates, telemetry, safe browsing, captive portal checks,
 *   remote settings): a test must never give the browser a reason to reach the internet.
 */
export const FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  // A machine without a sound card or sound server (CI, containers) gives Firefox no audio
  // output, and then no AudioContext ever runs: `resume()` never settles, synthetic tones are
  // silent and analysers read nothing. Chromium falls back to a fake output by itself; this is
  // Firefox's (cubeb's mock backend). The library reports the unmocked case as a typed error.
  'media.cubeb.force_mock_context': true,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'services.settings.server': 'data:,',
  'extensions.update.enabled': false,
  'browser.region.network.url': '',
};

/**
 * The Firefox binary to launch: `$PEERSTAGE_FIREFOX`, else a system Firefox, else `undefined`.
 *
 * @example
 * ```ts
 * const path = findFirefox(); // '/usr/bin/firefox-esr' on Debian with the package installed
 * ```
 */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findBrowserBinary(FIREFOX_ENV, SYSTEM_FIREFOXES, env);
}

/**
 * Whether Firefox launched now would have WebGL. Headless Firefox gets none on these machines
 * ("Exhausted GL driver options"); a headed one on an X display (Xvfb with Mesa's software GL
 * will do) has it. So Firefox runs headed whenever there is a display.
 *
 * @example
 * ```ts
 * if (!firefoxHasWebGL()) console.warn('run under xvfb-run for the stage tests');
 * ```
 */
export function firefoxHasWebGL(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY);
}

/**
 * Launches the test Firefox over WebDriver BiDi: headed when there is a display (for WebGL),
 * headless otherwise.
 *
 * @example
 * ```ts
 * const browser = await launchFirefox();
 * const page = await browser.newPage();
 * await page.goto('http://127.0.0.1:5199/');
 * await browser.close();
 * ```
 */
export async function launchFirefox(extraPrefs: Record<string, string | number | boolean> = {}): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) {
    throw new Error(
      `No Firefox found (and ${FIREFOX_ENV} is not set): install Debian's \`firefox-esr\` (sudo apt-get install firefox-esr).`,
    );
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: !firefoxHasWebGL(),
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...extraPrefs },
  });
}
