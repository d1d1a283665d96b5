/**
 * What `npm start` says when coturn is installed but no TURN server is configured: members on
 * other networks (behind NATs, on mobile data) will often fail to meet without one. It does
 * not start coturn itself: a TURN server needs ports opened to the internet and an address
 * people can reach, which only the operator can decide.
 */
import { spawnSync } from 'node:child_process';
import { ICE_SERVERS_ENV } from './clientConfigRoute.ts';
import { TURN_SECRET_ENV, TURN_URLS_ENV } from './turnEnv.ts';

/** Whether Debian's coturn (`turnserver`) is on the PATH. */
export function hasTurnserver(): boolean {
  return spawnSync('sh', ['-c', 'command -v turnserver'], { stdio: 'ignore' }).status === 0;
}

/**
 * The lines to print, or `undefined` when a TURN server is configured or coturn is not
 * installed. The commands are complete: a secret is made with `openssl rand` and kept in a file
 * only its owner reads, coturn runs with TURN REST authentication and refuses to relay to
 * multicast and private networks (a relay must not reach the host's own network; loopback it
 * refuses unless told `allow-loopback-peers`).
 *
 * @example
 * ```ts
 * const hint = turnHint(process.env, hasTurnserver());
 * if (hint) console.log(hint);
 * ```
 */
export function turnHint(env: NodeJS.ProcessEnv, turnserverInstalled: boolean): string | undefined {
  if (!turnserverInstalled || env[TURN_SECRET_ENV] || /"turns?:/.test(env[ICE_SERVERS_ENV] ?? '')) return undefined;
  return [
    'peerstage: coturn is installed but no TURN server is configured, so members on other networks may not meet.',
    'peerstage: to relay through it (README, "Members on other networks"), on a host people can reach:',
    '  export TURN_HOST=turn.example.org   # edit: the name or address members reach this host at',
    '  export PEERSTAGE_TURN_SECRET="$(openssl rand -hex 32)"',
    // A config file readable by its owner only: on the command line the secret would show in `ps`.
    '  (umask 077; printf \'%s\\n\' use-auth-secret "static-auth-secret=$PEERSTAGE_TURN_SECRET" "realm=$TURN_HOST" \\',
    '    listening-port=3478 min-port=49152 max-port=65535 fingerprint no-cli no-tls no-dtls \\',
    '    no-multicast-peers denied-peer-ip=10.0.0.0-10.255.255.255 \\',
    '    denied-peer-ip=172.16.0.0-172.31.255.255 denied-peer-ip=192.168.0.0-192.168.255.255 > turnserver.conf)',
    '  turnserver -c turnserver.conf &',
    `  ${TURN_URLS_ENV}="turn:$TURN_HOST:3478" npm start`,
  ].join('\n');
}
