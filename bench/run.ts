/**
 * `npm run bench [suite…] [--only=case,…]`: runs benchmark suites in Chromium (with Firefox
 * members where a case mixes browsers) against a Vite server with its embedded PeerServer,
 * prints median, p90 and the ratio to each case's baseline (measured in the same run), and
 * writes the results as JSON to bench/results/. `npm run bench` runs it inside
 * tools/firefoxNetwork.ts, where Firefox's ICE connects and the `janus` suite's Janus
 * (bench/benchJanus.ts) can listen. The `hub` suite gets today's hub and the tree's, built in
 * the run (bench/hubBench.ts).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../tools/chromium.ts';
import type { BenchPageState, CaseResult } from './page/benchCase.ts';
import { SUITES_WITH_JANUS, startBenchJanus } from './benchJanus.ts';
import { exposeHubBench, type HubBench, SUITES_WITH_HUB } from './hubBench.ts';
import { exposeMainThreadMeter } from './mainThreadMeter.ts';
import { exposeMemberPages, lazyFirefox } from './members.ts';
import { formatTable, summarise } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const allSuites = readdirSync(join(root, 'bench/page/suites'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const args = process.argv.slice(2);
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? '';
const named = args.filter((arg) => !arg.startsWith('--'));
const suites = named.length > 0 ? named : allSuites;
const unknown = suites.filter((suite) => !allSuites.includes(suite));
if (unknown.length > 0) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; have: ${allSuites.join(', ')}`);
  process.exit(2);
}

const SUITE_TIMEOUT_MS = 30 * 60_000;

/**
 * Gives the page `__jsHeapUsedBytes()` (the V8 heap in use, DevTools `Runtime.getHeapUsage`)
 * and `__collectGarbage()`: `performance.memory` is coarse and lags, and
 * `measureUserAgentSpecificMemory` answers only after a garbage collection of its choosing,
 * seconds later; heap cases need a reading now, and a clean one at their start.
 */
async function exposeHeapMeter(page: Page): Promise<void> {
  const devtools = await page.context().newCDPSession(page);
  await page.exposeFunction('__jsHeapUsedBytes', async () => (await devtools.send('Runtime.getHeapUsage')).usedSize);
  await page.exposeFunction('__collectGarbage', async () => {
    await devtools.send('HeapProfiler.collectGarbage');
  });
}

const server = await createServer({
  root,
  logLevel: 'warn',
  server: {
    host: '127.0.0.1',
    port: 0,
    // Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs: round
    // trips are fractions of a millisecond.
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
});
await server.listen();
const browser = await chromium.launch(chromiumLaunchOptions());
const browserVersion = browser.version();
const firefox = lazyFirefox();
const results: CaseResult[] = [];
let failed = false;
let firefoxVersion: string | undefined;
try {
  const base = server.resolvedUrls?.local[0] ?? '';
  for (const suite of suites) {
    console.log(`suite ${suite}…`);
    const janus = SUITES_WITH_JANUS.has(suite) ? await startBenchJanus() : undefined;
    let hub: HubBench | undefined;
    try {
      const page = await browser.newPage();
      await exposeMainThreadMeter(page);
      await exposeHeapMeter(page);
      await exposeMemberPages(page, browser, base, firefox);
      if (SUITES_WITH_HUB.has(suite)) hub = await exposeHubBench(page, browser, root);
      page.on('console', (message) => message.type() === 'error' && console.error(`  [page] ${message.text()}`));
      const janusParam = janus ? `&janus=${encodeURIComponent(janus.url)}` : '';
      await page.goto(`${base}bench/page/index.html?suite=${suite}&only=${only}${janusParam}`);
      await page.waitForFunction(() => (globalThis as unknown as { __bench?: BenchPageState }).__bench?.done === true, null, {
        timeout: SUITE_TIMEOUT_MS,
        polling: 500,
      });
      const state = await page.evaluate(() => (globalThis as unknown as { __bench: BenchPageState }).__bench);
      results.push(...state.results);
      if (state.error) {
        failed = true;
        console.error(`suite ${suite} failed: ${state.error}`);
        // What the server saw of a round that did not come together.
        if (janus) console.error(`janus's last words:\n${janus.log().split('\n').slice(-20).join('\n')}`);
      }
      await page.close();
    } finally {
      await hub?.dispose();
      await janus?.stop();
    }
  }
} finally {
  firefoxVersion = await firefox.version();
  await firefox.close();
  await browser.close();
  await server.close();
}

const summaries = summarise(results);
console.log(`\n${formatTable(summaries)}\n`);
console.log('ratio = median / baseline median, both from this run; ↓ lower is better, ↑ higher is better.');

const outDir = join(root, 'bench/results');
mkdirSync(outDir, { recursive: true });
const report = {
  at: new Date().toISOString(),
  browser: `chromium ${browserVersion}${firefoxVersion ? `, ${firefoxVersion}` : ''}`,
  suites,
  cases: summaries,
};
const stamp = report.at.replace(/[:.]/g, '-');
writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(report, null, 2));
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
console.log(`wrote bench/results/${stamp}.json and bench/results/latest.json`);
process.exit(failed ? 1 : 0);
