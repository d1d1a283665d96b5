/**
 * How the tests find a browser binary, for every engine they drive (tools/chromium.ts,
 * tools/firefox.ts): an environment variable names one explicitly and wins, else the first
 * system install that exists.
 */
import { existsSync } from 'node:fs';

/**
 * The binary named by `env[envVar]` (an error if it does not exist: a typo should not fall
 * back silently to another browser), else the first of `candidates` that exists, else
 * `undefined`.
 *
 * @example
 * ```ts
 * findBrowserBinary('PEERSTAGE_FIREFOX', ['/usr/bin/firefox-esr', '/usr/bin/firefox']);
 * // '/usr/bin/firefox-esr' on Debian with firefox-esr installed and the variable unset
 * ```
 */
export function findBrowserBinary(envVar: string, candidates: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[envVar];
  if (named) {
    if (!existsSync(named)) throw new Error(`${envVar}=${named} does not exist`);
    return named;
  }
  return candidates.find((candidate) => existsSync(candidate));
}
