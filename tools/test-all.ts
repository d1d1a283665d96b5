/**
 * `npm test`: every test layer in turn — typecheck, unit, browser, firefox (the browser tests
 * and stories again in Firefox), stories, e2e (mixed-browser rooms among them), hostile — each
 * with its own output and summary, then one table. Every layer runs even when an earlier one
 * failed, so one run shows everything that is wrong; the exit code is non-zero if any failed.
 */
import { spawn } from 'node:child_process';
import { CHROMIUM_ENV, findChromium } from './chromium.ts';
import { FIREFOX_ENV, findFirefox } from './firefox.ts';

interface Layer {
  readonly name: string;
  readonly script: string;
}

const LAYERS: readonly Layer[] = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'unit', script: 'test:unit' },
  { name: 'browser', script: 'test:browser' },
  { name: 'firefox', script: 'test:firefox' },
  { name: 'stories', script: 'test:stories' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'hostile', script: 'test:hostile' },
];

function run(script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (!findChromium()) {
  console.warn(
    `No system Chromium found (and ${CHROMIUM_ENV} is not set): the browser layers will try Playwright's own ` +
      'browser. Install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`.',
  );
}

if (!findFirefox()) {
  console.warn(
    `No Firefox found (and ${FIREFOX_ENV} is not set): the Firefox tests will fail. Install Debian's firefox-esr ` +
      'and xvfb (`sudo apt-get install firefox-esr xvfb`).',
  );
}

const only = process.argv.slice(2);
const results: Array<{ name: string; ok: boolean; seconds: number }> = [];
for (const layer of LAYERS.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
  console.log(`\n━━ ${layer.name} (npm run ${layer.script}) ━━`);
  const startedAt = Date.now();
  const code = await run(layer.script);
  results.push({ name: layer.name, ok: code === 0, seconds: (Date.now() - startedAt) / 1000 });
}

console.log('\n━━ summary ━━');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
