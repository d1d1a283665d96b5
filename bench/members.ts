/**
 * The harness side of multi-page bench cases (bench/page/memberPages.ts): member pages in
 * browser contexts of their own, driven on the bench page's behalf.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import type { BenchMember, WithBenchMember } from './page/memberApi.ts';

/**
 * Gives `page` the functions that open member pages at `${base}bench/page/member.html`, call
 * their methods and close them. Closing `page`'s suite closes them too.
 */
export async function exposeMemberPages(page: Page, browser: Browser, base: string): Promise<void> {
  let members: { readonly context: BrowserContext; readonly page: Page }[] = [];
  const closeMembers = async () => {
    await Promise.all(members.splice(0).map((member) => member.context.close()));
  };
  page.on('close', () => void closeMembers());
  await page.exposeFunction('__openMembers', async (count: number) => {
    await closeMembers();
    members = await Promise.all(
      Array.from({ length: count }, async () => {
        const context = await browser.newContext();
        const memberPage = await context.newPage();
        memberPage.on('console', (message) => message.type() === 'error' && console.error(`  [member] ${message.text()}`));
        await memberPage.goto(`${base}bench/page/member.html`);
        await memberPage.waitForFunction(() => 'benchMember' in globalThis);
        return { context, page: memberPage };
      }),
    );
  });
  await page.exposeFunction('__onMember', (index: number, method: keyof BenchMember, args: unknown[]) => {
    const member = members[index];
    if (!member) throw new Error(`no member page ${index}`);
    return member.page.evaluate(
      ([name, values]) => {
        const api = (globalThis as unknown as WithBenchMember).benchMember;
        return (api[name] as (...params: unknown[]) => unknown)(...values);
      },
      [method, args] as const,
    );
  });
  await page.exposeFunction('__closeMembers', closeMembers);
}
