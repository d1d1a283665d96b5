/**
 * Vitest global setup of the janus layers: two Janus servers (tools/janusTestServers.ts) for
 * the whole run, on 10.201.0.1 inside the network namespace of tools/firefoxNetwork.ts —
 * `inject('janusUrls')` — stopped afterwards. Both janus projects name this file; the second
 * finds the servers running.
 */
import type { TestProject } from 'vitest/node';
import { hasJanus } from './janusServer.ts';
import { hasAddress } from './spawnedServer.ts';
import { JANUS_TEST_ADDRESS, JANUS_TEST_SERVER_COUNT, janusTestServer } from './janusTestServers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The janus layers' servers, `ws://10.201.0.1:8188` and `…:8189`, by index (as the browser commands take it). */
    janusUrls: string[];
  }
}

const servers = () => Array.from({ length: JANUS_TEST_SERVER_COUNT }, (_, index) => janusTestServer(index));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Checked here rather than left to a failing spawn: the layer's only output is then the fix.
  if (!hasJanus()) {
    throw new Error("The janus layers need Debian's janus (1.1.x): install it with `sudo apt-get install janus`.");
  }
  if (!hasAddress(JANUS_TEST_ADDRESS)) {
    throw new Error(
      `${JANUS_TEST_ADDRESS} is no address here: the janus layers run inside the network namespace of ` +
        'tools/firefoxNetwork.ts (as root), where Janus can gather ICE candidates. Run them with `npm run test:janus`.',
    );
  }
  // One after the other: two Janus starting at once on 2 loaded cores can outwait startJanusServer's 15 s.
  const urls: string[] = [];
  for (const server of servers()) urls.push(await server.start());
  project.provide('janusUrls', urls);
  return async () => {
    await Promise.all(servers().map((server) => server.stop()));
  };
}
