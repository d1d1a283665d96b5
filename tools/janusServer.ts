/**
 * A Janus (Debian's `janus`, 1.1.x) of a test's or a developer's own: a generated configuration
 * in a temporary folder, only the VideoRoom and TextRoom plugins and the plain WebSocket
 * transport loaded (from folders of symlinks, so no other plugin, transport, logger or event
 * handler is even opened), the WebSocket API bound to one address and ICE gathering only on
 * one interface — inside a test's network namespace, `v0` / 10.201.0.1 of
 * tools/firefoxNetwork.ts — or, for `npm start` (src/server/localJanus.ts), on every interface
 * but loopback. No STUN, no TURN, no admin API, no HTTP transport.
 *
 * `tsx tools/janusServer.ts [address] [interface]` starts one and prints its URL until Ctrl-C
 * (run it inside `tsx tools/firefoxNetwork.ts …` to get the namespace).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { hasAddress, readyOrStop, serverFolder, spawnServer } from './spawnedServer.ts';

export interface JanusServerOptions {
  /** The address its WebSocket API listens on: one of this namespace's 10.201.x.y. */
  readonly address: string;
  /**
   * The only interface (or address prefix) libnice gathers candidates on, e.g. `v0`. Default:
   * every interface but loopback (where libnice gathers nothing a browser could reach) and
   * VMware's (Janus's own default).
   */
  readonly iceInterface?: string;
  /** WebSocket port. Default 8188. */
  readonly port?: number;
  /** UDP ports for media: a few, so that a leak of PeerConnections shows. Default 20000–20199. */
  readonly rtpPorts?: readonly [min: number, max: number];
  /** Janus log level 0–7. Default 4 (info). */
  readonly debugLevel?: number;
  /** Where the Debian package puts its plugins; default `/usr/lib/x86_64-linux-gnu/janus` (or `$PEERSTAGE_JANUS_LIB`). */
  readonly libDir?: string;
  /** Session timeout, seconds: a client that sends no keepalive this long loses its session. Default 60. */
  readonly sessionTimeoutS?: number;
  /** Called with each chunk Janus logs (stdout and stderr), e.g. to echo it. */
  readonly onLog?: (chunk: string) => void;
  /**
   * Seconds after which Janus is ended even if nobody stops it (a test process that died);
   * 0: never, for a server that lives as long as its owner (`npm start`). Default 900.
   */
  readonly lifetimeS?: number;
}

export interface JanusServer {
  /** `ws://<address>:<port>`; connect with subprotocol `janus-protocol`. */
  readonly url: string;
  /** What the server said to `{"janus":"info"}` once up (version, plugins, transports). */
  readonly info: JanusInfo;
  /** What Janus has logged lately, its last 64 KiB (for failure reports). */
  log(): string;
  /** Stops Janus (SIGTERM, then SIGKILL after 8 s; `timeout` kills it after 5) and removes its folder. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface JanusInfo {
  readonly version: number;
  readonly version_string: string;
  readonly plugins: Record<string, unknown>;
  readonly transports: Record<string, unknown>;
}

/** Interface prefixes ignored when no `iceInterface` is enforced: loopback, and VMware's as Janus's default does. */
const IGNORED_INTERFACES = 'vmnet,lo';

const DEFAULT_LIB_DIR = '/usr/lib/x86_64-linux-gnu/janus';

/** The plugins and transport a peerstage room uses; nothing else gets loaded. */
const PLUGINS = ['libjanus_videoroom.so', 'libjanus_textroom.so'] as const;
const TRANSPORTS = ['libjanus_websockets.so'] as const;

/**
 * The configuration files (name → text) for `options`, with `dir` as the configuration root.
 * Janus's format is libconfig ("jcfg"); strings quoted, no trailing commas.
 *
 * @example
 * ```ts
 * const files = janusConfigFiles('/tmp/janus-x', { address: '10.201.0.1', iceInterface: 'v0' });
 * files['janus.jcfg']; // 'general: { … }'
 * ```
 */
export function janusConfigFiles(dir: string, options: JanusServerOptions): Record<string, string> {
  const { address, iceInterface, port = 8188, rtpPorts = [20000, 20199], debugLevel = 4, sessionTimeoutS = 60 } = options;
  const quoted = (value: string) => JSON.stringify(value);
  // Janus reads its ignore list only when nothing is enforced.
  const iceInterfaces =
    iceInterface === undefined ? `ice_ignore_list = ${quoted(IGNORED_INTERFACES)}` : `ice_enforce_list = ${quoted(iceInterface)}`;
  return {
    'janus.jcfg': `general: {
  configs_folder = ${quoted(dir)}
  plugins_folder = ${quoted(join(dir, 'plugins'))}
  transports_folder = ${quoted(join(dir, 'transports'))}
  events_folder = ${quoted(join(dir, 'none'))}
  loggers_folder = ${quoted(join(dir, 'none'))}
  debug_level = ${debugLevel}
  debug_timestamps = true
  debug_colors = false
  server_name = "peerstage-janus"
  session_timeout = ${sessionTimeoutS}
  hide_dependencies = true
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/sbin", "/sys", "/usr", "/var"]
}
certificates: {
}
media: {
  rtp_port_range = "${rtpPorts[0]}-${rtpPorts[1]}"
}
nat: {
  nice_debug = false
  ignore_mdns = true
  ${iceInterfaces}
}
plugins: {
}
transports: {
}
loggers: {
}
events: {
  broadcast = false
}
`,
    'janus.transport.websockets.jcfg': `general: {
  json = "compact"
  ws = true
  ws_port = ${port}
  ws_ip = ${quoted(address)}
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
    // No static rooms: the transport creates each room (with its pin) when its first member joins.
    'janus.plugin.videoroom.jcfg': `general: {
  events = false
}
`,
    'janus.plugin.textroom.jcfg': `general: {
  json = "compact"
  events = false
}
`,
  };
}

/** Resolves with Janus's `info` once its WebSocket answers; rejects after `timeoutMs`. */
export async function askJanusInfo(url: string, timeoutMs: number, exited: () => boolean = () => false): Promise<JanusInfo> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('janus exited');
    try {
      return await new Promise<JanusInfo>((resolve, reject) => {
        const socket = new WebSocket(url, 'janus-protocol');
        const timer = setTimeout(() => fail(new Error('no answer')), 1_000);
        const fail = (error: unknown) => {
          clearTimeout(timer);
          socket.terminate();
          reject(error);
        };
        socket.on('error', fail);
        socket.on('open', () => socket.send(JSON.stringify({ janus: 'info', transaction: 'ready?' })));
        socket.on('message', (raw) => {
          const message = JSON.parse(String(raw)) as { janus: string; transaction?: string } & JanusInfo;
          if (message.janus !== 'server_info' || message.transaction !== 'ready?') return;
          clearTimeout(timer);
          socket.close();
          resolve(message);
        });
      });
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no Janus info from ${url} within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Whether Debian's `janus` is installed (`npm start` starts one only then). */
export function hasJanus(): boolean {
  return spawnSync('sh', ['-c', 'command -v janus']).status === 0;
}

/**
 * Starts Janus with a generated configuration and resolves once its WebSocket API answers.
 *
 * @example
 * ```ts
 * await using janus = await startJanusServer({ address: '10.201.0.1', iceInterface: 'v0' });
 * const room = joinRoom('jam', { transport: janus({ url: janus.url }) });
 * ```
 */
export async function startJanusServer(options: JanusServerOptions): Promise<JanusServer> {
  const { address, port = 8188 } = options;
  const libDir = options.libDir ?? process.env.PEERSTAGE_JANUS_LIB ?? DEFAULT_LIB_DIR;
  if (!hasAddress(address)) throw new Error(`${address} is no address of this network namespace`);
  const dir = serverFolder('peerstage-janus-');
  for (const [folder, names] of [
    ['plugins', PLUGINS],
    ['transports', TRANSPORTS],
  ] as const) {
    mkdirSync(join(dir, folder));
    for (const name of names) symlinkSync(join(libDir, folder, name), join(dir, folder, name));
  }
  mkdirSync(join(dir, 'none'));
  for (const [name, text] of Object.entries(janusConfigFiles(dir, options))) writeFileSync(join(dir, name), text);

  const server = spawnServer({
    dir,
    command: ['janus', '-C', join(dir, 'janus.jcfg'), '-F', dir],
    killAfterMs: 8_000,
    ...(options.lifetimeS === undefined ? {} : { lifetimeS: options.lifetimeS }),
    onLog: options.onLog,
  });
  const url = `ws://${address}:${port}`;
  const info = await readyOrStop(server, (exited) => askJanusInfo(url, 15_000, exited), `janus did not start on ${url}`);
  return { url, info, log: server.log, stop: server.stop, [Symbol.asyncDispose]: server.stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [address = '10.201.0.1', iceInterface = 'v0'] = process.argv.slice(2);
  const server = await startJanusServer({
    address,
    iceInterface,
    debugLevel: Number(process.env.JANUS_DEBUG ?? 4),
    onLog: (chunk) => process.stderr.write(chunk),
  });
  console.log(`janus ${server.info.version_string} at ${server.url}; plugins: ${Object.keys(server.info.plugins).join(', ')}`);
  const quit = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}
