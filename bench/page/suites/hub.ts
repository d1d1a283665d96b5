/**
 * The hub against today's (issue 24's redesign): today's hub is the last commit before it
 * (BASELINE_COMMIT in bench/hubBuilds.ts), both built for production by the harness in this
 * run (bench/hubBench.ts).
 *
 * `hub.bundle-gzip.*` and `hub.bundle-raw.*`: the bytes the hub's page loads at first —
 * index.html, its entry chunk with the chunks that imports statically, and their CSS — gzipped
 * file by file at level 9, and as they are. A size is one exact figure, so each case has one
 * sample. `hub.first-render.*`: from navigation start to the first frame painted with the Join
 * button, each load in a fresh browser context, served by the production server; rounds
 * alternate between the two hubs. Goals (issue 24): bundle within 1.15x, first render within 1.1x.
 */
import type { BenchCase } from '../benchCase.ts';
import type { BundleBytes, HubPair, WithHubBench } from '../hubApi.ts';

/** Loads of each hub, after one warm-up of each. */
const ROUNDS = 15;
const BUNDLE_GOAL = { max: 1.15 };
const FIRST_RENDER_GOAL = { max: 1.1 };

function harness(): Required<WithHubBench> {
  const page = globalThis as WithHubBench;
  if (!page.__hubBundleBytes || !page.__hubFirstRenderMs) throw new Error('no hub builds: run the bench through `npm run bench -- hub`');
  return page as Required<WithHubBench>;
}

let bundles: Promise<HubPair<BundleBytes>> | undefined;
let firstRenders: Promise<HubPair<number[]>> | undefined;
const bundle = () => (bundles ??= harness().__hubBundleBytes());
const firstRender = () => (firstRenders ??= harness().__hubFirstRenderMs(ROUNDS));

export function cases(): BenchCase[] {
  return [
    { name: 'hub.bundle-gzip.today', unit: 'B', better: 'lower', run: async () => [(await bundle()).today.gzipBytes] },
    {
      name: 'hub.bundle-gzip.now',
      unit: 'B',
      better: 'lower',
      baseline: 'hub.bundle-gzip.today',
      goal: BUNDLE_GOAL,
      run: async () => [(await bundle()).now.gzipBytes],
    },
    { name: 'hub.bundle-raw.today', unit: 'B', better: 'lower', run: async () => [(await bundle()).today.rawBytes] },
    {
      name: 'hub.bundle-raw.now',
      unit: 'B',
      better: 'lower',
      baseline: 'hub.bundle-raw.today',
      goal: BUNDLE_GOAL,
      run: async () => [(await bundle()).now.rawBytes],
    },
    { name: 'hub.first-render.today', unit: 'ms', better: 'lower', run: async () => (await firstRender()).today },
    {
      name: 'hub.first-render.now',
      unit: 'ms',
      better: 'lower',
      baseline: 'hub.first-render.today',
      goal: FIRST_RENDER_GOAL,
      run: async () => (await firstRender()).now,
    },
  ];
}
