/**
 * `npm test`: every test layer in turn — typecheck, lint (Biome's format check and linter),
 * examples (the docs' TypeScript examples compile), consumer (the packed package installs,
 * builds, type-checks and tree-shakes in a fresh app), unit, browser, firefox (the browser tests
 * and stories again in Firefox), janus (browser tests against real Janus servers, in Chromium
 * and Firefox), stories, e2e (mixed-browser rooms among them), hostile — each with its own
 * output and summary, then one table. Every layer runs even when an earlier one failed, so one
 * run shows everything that is wrong; the exit code is non-zero if any failed.
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
  { name: 'lint', script: 'lint' },
  { name: 'examples', script: 'examples' },
  { name: 'consumer', script: 'test:consumer' },
  { name: 'unit', script: 'test:unit' },
  { name: 'browser', script: 'test:browser' },
  { name: 'firefox', script: 'test:firefox' },
  { name: 'janus', script: 'test:janus' },
  { name: 'stories', script: 'test:stories' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'hostile', script: 'test:hostile' },
];

/**
 * How vitest and Playwright name a failed test or file, Biome a file it finds fault with
 * (`path:line:col lint/…` or `path format`), `npm run examples` an example that does not
 * compile (`path:line:col - error TS…`), and `npm run test:consumer` what the installed package
 * fails at (`✘ consumer: …`, caught by Playwright's `✘`), once colours are stripped.
 */
const FAILURE_LINE = /^\s*(FAIL\s|×|✘|\d+\) \[)|^\S+(:\d+:\d+ (lint|assist)\/\S+| format) ━|^\S+:\d+:\d+ - error TS\d+:/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const MAX_FAILURE_LINES = 30;

/**
 * Runs one npm script with its output passed through, and keeps the lines that name a failed
 * test: CI shows only the tail of a run, so the summary repeats them where it will be seen.
 */
function run(script: string): Promise<{ code: number; failures: string[] }> {
  return new Promise((resolve) => {
    const failures = new Set<string>();
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['inherit', 'pipe', 'pipe'] });
    for (const [source, sink] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let partial = '';
      source.on('data', (chunk: Buffer) => {
        sink.write(chunk);
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const plain = line.replace(ANSI, '').trimEnd();
          if (FAILURE_LINE.test(plain) && failures.size < MAX_FAILURE_LINES) failures.add(plain.trim());
        }
      });
    }
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), failures: [...failures] }));
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
const results: Array<{ name: string; ok: boolean; seconds: number; failures: string[] }> = [];
for (const layer of LAYERS.filter((candidate) => only.length === 0 || only.includes(candidate.name))) {
  console.log(`\n━━ ${layer.name} (npm run ${layer.script}) ━━`);
  const startedAt = Date.now();
  const { code, failures } = await run(layer.script);
  results.push({ name: layer.name, ok: code === 0, seconds: (Date.now() - startedAt) / 1000, failures });
}

console.log('\n━━ summary ━━');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'pass' : 'FAIL'}  ${name.padEnd(10)} ${seconds.toFixed(1).padStart(6)} s`);
}
for (const { name, failures } of results.filter((result) => !result.ok)) {
  console.log(`\n${name}: ${failures.length > 0 ? 'failed' : 'failed, no test named (see its output above)'}`);
  for (const failure of failures) console.log(`  ${failure}`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
