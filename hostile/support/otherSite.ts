/**
 * Another web site, as a visitor's browser sees one: a page of another origin than the hub's,
 * served from loopback (a page made up by request routing would count as a public site to
 * Chromium, whose local-network checks would then block it for reasons of their own).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtherSite {
  /** Its origin, e.g. `http://127.0.0.1:40123`: another port is another origin. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves `html` at every path of a new origin on 127.0.0.1 (a free port).
 *
 * @example
 * ```ts
 * const site = await serveOtherSite(`<iframe src="${hubUrl}"></iframe>`);
 * await page.goto(site.origin);
 * ```
 */
export async function serveOtherSite(html: string): Promise<OtherSite> {
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
