import { networkInterfaces } from 'node:os';

/**
 * The machine's IPv4 LAN addresses: the names a phone on the same network opens.
 *
 * @example
 * ```ts
 * lanAddresses(); // ['192.168.1.20']
 * ```
 */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => entry.address);
}
