/**
 * HTTPS for the dev server, so phones and other computers on the LAN get a secure context
 * (camera and microphone need one). Certificates come from the system's `mkcert`, which the
 * plugin would otherwise download from the internet.
 */
import { execFileSync } from 'node:child_process';
import type { PluginOption } from 'vite';
import mkcert from 'vite-plugin-mkcert';
import { lanAddresses } from './lanAddresses.ts';

/** Set to `1` to serve the dev server (and `vite preview`) over HTTPS. */
export const HTTPS_ENV = 'PEERSTAGE_HTTPS';

function systemMkcert(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v mkcert'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `${HTTPS_ENV}=1 needs mkcert on the PATH (Debian/Ubuntu: apt install mkcert; macOS: brew install mkcert), ` +
        'then run `mkcert -install` once so browsers trust its certificates.',
    );
  }
}

/**
 * The mkcert plugin when `PEERSTAGE_HTTPS=1`, else nothing.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * export default defineConfig({ plugins: [devHttps()] });
 * ```
 */
export function devHttps(env: NodeJS.ProcessEnv = process.env): PluginOption {
  if (env[HTTPS_ENV] !== '1') return null;
  return mkcert({ mkcertPath: systemMkcert(), hosts: ['localhost', '127.0.0.1', ...lanAddresses()] });
}
