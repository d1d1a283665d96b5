/**
 * Browser commands that take the janus layers' servers (tools/janusTestServers.ts) down and up
 * again on the same port, to prove what a client makes of a media server that goes away. A
 * test that stops one starts it again before it ends: the files after it share the servers.
 */
import type { BrowserCommand } from 'vitest/node';
import { janusTestServer } from './janusTestServers.ts';

const startJanus: BrowserCommand<[index: number]> = async (_context, index) => janusTestServer(index).start();
const stopJanus: BrowserCommand<[index: number]> = async (_context, index) => {
  await janusTestServer(index).stop();
};
const restartJanus: BrowserCommand<[index: number]> = async (_context, index) => janusTestServer(index).restart();

export const janusCommands = { startJanus, stopJanus, restartJanus };

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Starts Janus number `index` (0 or 1) on its port unless it runs; resolves with its URL. */
    startJanus(index: number): Promise<string>;
    /** Ends Janus number `index`: its clients' sockets close and their sessions are lost. */
    stopJanus(index: number): Promise<void>;
    /** Ends and starts Janus number `index` on the same port (no sessions, handles or rooms left); resolves with its URL. */
    restartJanus(index: number): Promise<string>;
  }
}
