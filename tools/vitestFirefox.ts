/**
 * A Vitest browser provider that runs tests in the stock Firefox over WebDriver BiDi
 * (`puppeteer-core`, see ./firefox.ts). Vitest's own providers cannot: Playwright's Firefox is
 * a patched download and WebdriverIO wants geckodriver, another download. Vitest does the
 * rest: this provider only opens each session's page. Locators and `userEvent` come from
 * `@vitest/browser-preview`, which simulates events inside the page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineBrowserProvider } from '@vitest/browser';
import type { Browser, Page } from 'puppeteer-core';
import type { BrowserProvider, BrowserProviderOption, TestProject } from 'vitest/node';
import { launchFirefox } from './firefox.ts';

const previewLocators = join(dirname(createRequire(import.meta.url).resolve('@vitest/browser-preview')), 'locators.js');

class FirefoxProvider implements BrowserProvider {
  readonly name = 'firefox-bidi';
  // One Firefox, one page per session, files one after another: 2 cores and media pipelines.
  readonly supportsParallelism = false;
  readonly initScripts = [previewLocators];
  private browser: Promise<Browser> | undefined;
  private readonly pages = new Map<string, Page>();

  private readonly project: TestProject;

  constructor(project: TestProject) {
    this.project = project;
  }

  /** The session's page, for commands such as a trusted click (vitestGestureCommand.ts). */
  getCommandsContext(sessionId: string): Record<string, unknown> {
    return { page: this.pages.get(sessionId) };
  }

  async openPage(sessionId: string, url: string): Promise<void> {
    this.browser ??= launchFirefox();
    const browser = await this.browser;
    let page = this.pages.get(sessionId);
    if (!page) {
      page = await browser.newPage();
      this.pages.set(sessionId, page);
      page.on('pageerror', (error) => this.project.vitest.logger.error(`[firefox] ${String(error)}`));
    }
    await page.goto(url);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.pages.clear();
    if (browser) await (await browser).close();
  }
}

/**
 * The Firefox provider for a Vitest browser project (`instances: [{ browser: 'firefox' }]`).
 *
 * @example
 * ```ts
 * browser: { enabled: true, provider: firefox(), instances: [{ browser: 'firefox' }] }
 * ```
 */
export function firefox(): BrowserProviderOption {
  return defineBrowserProvider({
    name: 'firefox-bidi',
    supportedBrowser: ['firefox'],
    providerFactory: (project: TestProject) => new FirefoxProvider(project),
  });
}
