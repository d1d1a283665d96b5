/**
 * The harness side of the `hub` suite (bench/page/suites/hub.ts): builds today's hub and the
 * working tree's (bench/hubBuilds.ts) when the page first asks, measures their first-load bytes
 * (bench/hubBundle.ts), and serves both with the production server, on 127.0.0.1 with no Janus
 * and no TURN, to time their first renders (bench/hubFirstRender.ts).
 */
import type { Browser, Page } from 'playwright';
import { startProductionServer } from '../src/server/productionServer.ts';
import { buildHubs, type HubBuilds } from './hubBuilds.ts';
import { hubBundleBytes } from './hubBundle.ts';
import { firstRenderRounds } from './hubFirstRender.ts';
import type { WithHubBench } from './page/hubApi.ts';

/** The suites that get the hub functions. */
export const SUITES_WITH_HUB: ReadonlySet<string> = new Set(['hub']);

/** What {@link exposeHubBench} leaves to remove once the suite is over. */
export interface HubBench {
  /** Removes both builds, if they were made. */
  dispose(): Promise<void>;
}

/** Serves the build in `appDir` as `npm start` would, with no ICE servers, Janus or TURN. */
const serveHub = (appDir: string) => startProductionServer({ appDir, port: 0, host: '127.0.0.1', clientConfig: { iceServers: [] } });

/**
 * Gives `page` the hub suite's functions (`WithHubBench` in bench/page/hubApi.ts); they load
 * first renders in fresh contexts of `browser`. The hubs are built once, on the first call,
 * from the tree at `root`.
 *
 * @example
 * ```ts
 * const hub = await exposeHubBench(page, browser, root);
 * // …run the hub suite in page, then:
 * await hub.dispose();
 * ```
 */
export async function exposeHubBench(page: Page, browser: Browser, root: string): Promise<HubBench> {
  let builds: Promise<HubBuilds> | undefined;
  const hubs = () => (builds ??= buildHubs(root));
  const bundleBytes: Required<WithHubBench>['__hubBundleBytes'] = async () => {
    const built = await hubs();
    const [today, now] = [await hubBundleBytes(built.today), await hubBundleBytes(built.now)];
    console.log(`  first load, today: ${today.files.join(', ')}; now: ${now.files.join(', ')}`);
    return { today, now };
  };
  const firstRender: Required<WithHubBench>['__hubFirstRenderMs'] = async (rounds) => {
    const built = await hubs();
    const today = await serveHub(built.today);
    try {
      const now = await serveHub(built.now);
      try {
        return await firstRenderRounds(browser, { today: today.url, now: now.url }, rounds);
      } finally {
        await now.close();
      }
    } finally {
      await today.close();
    }
  };
  await page.exposeFunction('__hubBundleBytes', bundleBytes);
  await page.exposeFunction('__hubFirstRenderMs', firstRender);
  return {
    dispose: async () => {
      await (await builds?.catch(() => undefined))?.dispose();
    },
  };
}
