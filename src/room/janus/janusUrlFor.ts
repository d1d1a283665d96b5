/**
 * The WebSocket URL of a Janus server as the hub publishes it (`janus` in the client
 * configuration): a path on the page's own origin, `/janus/0`, which the hub proxies. A page
 * served over HTTPS must open `wss:` (browsers refuse mixed content), one over HTTP `ws:`.
 */

/** What of `window.location` the URL is made from. */
export type PageLocation = Pick<Location, 'protocol' | 'host'>;

const WEB_SOCKET_SCHEME: Readonly<Record<string, string>> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };

/**
 * `path` on the page's origin, with the WebSocket scheme that goes with the page's; a full
 * `ws:`, `wss:`, `http:` or `https:` URL is taken as it is (with the WebSocket scheme). Throws
 * a `TypeError` for anything that does not make a WebSocket URL (a `file:` page, a `ftp:` URL).
 *
 * @example
 * ```ts
 * janusUrlFor('/janus/0', location); // 'wss://hub.example/janus/0' on https://hub.example/
 * ```
 */
export function janusUrlFor(path: string, location: PageLocation): string {
  let url: URL;
  try {
    url = new URL(path, `${location.protocol}//${location.host}`);
  } catch (cause) {
    throw new TypeError(`janusUrlFor: no URL from ${JSON.stringify(path)} on ${location.protocol}//${location.host}`, { cause });
  }
  const scheme = WEB_SOCKET_SCHEME[url.protocol];
  if (scheme === undefined || url.host === '') {
    throw new TypeError(`janusUrlFor: ${JSON.stringify(path)} on a ${location.protocol} page is no WebSocket URL`);
  }
  url.protocol = scheme;
  return url.href;
}
