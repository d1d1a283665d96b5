/**
 * `npm start`: build the hub if needed, then serve it with its signaling server on one port.
 *
 * Environment:
 * - `PORT` (default 8080), `HOST` (default `localhost`; `0.0.0.0` to reach it from the LAN);
 * - `PEERSTAGE_CERT` and `PEERSTAGE_KEY`: PEM files for HTTPS (see README, "HTTPS on a LAN");
 * - `PEERSTAGE_ICE_SERVERS`: JSON list of RTCIceServer for the clients (default none);
 * - `PEERSTAGE_TURN_URLS`, `PEERSTAGE_TURN_SECRET`, `PEERSTAGE_TURN_TTL_S`: a TURN server
 *   checking TURN REST credentials (coturn's `use-auth-secret`); each client gets its own;
 * - `PEERSTAGE_ICE_TRANSPORT_POLICY`: `relay` to make clients connect through TURN only;
 *   (with coturn installed and no TURN server configured, it prints how to run coturn);
 * - `PEERSTAGE_ALLOWED_ORIGINS`: comma-separated origins whose pages may signal here besides
 *   the hub's own (`*`: any);
 * - `PEERSTAGE_MAX_SOCKETS_PER_ADDRESS`: signaling sockets one address may hold (default 64,
 *   `0`: no cap; behind a reverse proxy every client has the proxy's address); Janus sockets too;
 * - `PEERSTAGE_JANUS`: Janus servers for large rooms, comma-separated `ws://`/`wss://` URLs
 *   proxied at `/janus/<i>` (`-` keeps a retired one's place), or `off`. Unset, with Debian's
 *   `janus` installed, the hub starts one of its own (hubJanus.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientConfigSourceFromEnv } from './clientConfigRoute.ts';
import { lanAddresses } from './lanAddresses.ts';
import { ensureAppBuilt } from './ensureAppBuilt.ts';
import { hubJanus } from './hubJanus.ts';
import { janusFromEnv } from './janusEnv.ts';
import { type RunningServer, startProductionServer } from './productionServer.ts';
import { signalingOptionsFromEnv } from './signalingEnv.ts';
import { hasTurnserver, turnHint } from './turnHint.ts';

const root = resolve(import.meta.dirname, '../..');
const appDir = resolve(root, 'dist/app');
const env = process.env;

function tlsFromEnv() {
  const certPath = env.PEERSTAGE_CERT;
  const keyPath = env.PEERSTAGE_KEY;
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new Error('HTTPS needs both PEERSTAGE_CERT and PEERSTAGE_KEY.');
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

// Janus starts while the app builds (each takes seconds); whatever fails after, it is stopped.
let janusStarting: ReturnType<typeof hubJanus> | undefined;
let server: RunningServer | undefined;
// From the start: Janus runs in a process group of its own (under `timeout`), so a Ctrl-C while
// the hub is still starting would not reach it, and a hub that died at once would leave it.
// close() destroys every socket, so it does not wait on clients; a second signal exits at once.
let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  void Promise.all([server?.close(), janusStarting?.then((janus) => janus.stop())]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  const clientConfig = clientConfigSourceFromEnv(env);
  const signaling = signalingOptionsFromEnv(env);
  const tls = tlsFromEnv();
  janusStarting = hubJanus(janusFromEnv(env));
  await ensureAppBuilt(root, appDir);
  const janus = await janusStarting;
  const host = env.HOST ?? 'localhost';
  server = await startProductionServer({
    appDir,
    storybookDir: resolve(root, 'dist/storybook'),
    port: Number(env.PORT ?? 8080),
    host,
    clientConfig,
    signaling,
    janus: janus.upstreams,
    ...(tls ? { tls } : {}),
  });
  console.log(`peerstage: serving the hub and signaling (/peerjs) at ${server.url}`);
  if (host === '0.0.0.0' || host === '::') {
    for (const address of lanAddresses()) console.log(`peerstage: on the LAN at ${server.url.replace('localhost', address)}`);
  }
  if (janus.report) (janus.report.failed ? console.error : console.log)(janus.report.text);
  const hint = turnHint(env, hasTurnserver());
  if (hint) console.log(hint);
} catch (error) {
  console.error(`peerstage: ${error instanceof Error ? error.message : String(error)}`);
  await (await janusStarting)?.stop();
  process.exit(1);
}
