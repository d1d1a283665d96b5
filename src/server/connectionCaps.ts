/**
 * How many signaling sockets one remote address may hold at once, so that a single machine
 * cannot take every socket (and every ID) the server will give out.
 *
 * Counted per TCP peer address, never from headers such as `X-Forwarded-For`, which anyone can
 * write. IPv6 addresses count per /64: one subscriber usually has a whole /64 and could
 * otherwise step around the cap address by address.
 */
import { isIPv6 } from 'node:net';

/**
 * Sockets one address may hold when nothing else is configured. A member of a room holds one
 * or two (its own session, and a room's meeting point while it keeps it); a whole six-member
 * room opened on one machine stays under 20. The cap leaves room for several rooms behind one
 * NAT (an office, a classroom) and for test runs on 127.0.0.1.
 */
export const DEFAULT_MAX_SOCKETS_PER_ADDRESS = 64;

export interface ConnectionCaps {
  /**
   * Counts a new socket from `remoteAddress` if the address is under its cap, and returns the
   * function that uncounts it (idempotent); `undefined` means refused.
   */
  admit(remoteAddress: string | undefined): (() => void) | undefined;
  /** Sockets counted for the address (or its /64) now. */
  held(remoteAddress: string | undefined): number;
}

/** Expands an IPv6 address into its eight 16-bit groups. */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::') as [string, string?];
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  let headParts = parse(head);
  let tailParts = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two groups.
  const last = (tail === undefined ? headParts : tailParts).at(-1);
  if (last?.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    const groups = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    if (tail === undefined) headParts = [...headParts.slice(0, -1), ...groups];
    else tailParts = [...tailParts.slice(0, -1), ...groups];
  }
  const missing = 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts].map((group) => parseInt(group, 16));
}

/**
 * The key an address is counted under: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its /64.
 *
 * @example
 * ```ts
 * addressKey('::ffff:127.0.0.1');          // '127.0.0.1'
 * addressKey('2001:db8:1:2:aaaa::1');       // '2001:db8:1:2::/64'
 * ```
 */
export function addressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress)?.[1];
  if (mapped) return mapped;
  const address = remoteAddress.replace(/%.*/su, ''); // a zone index names an interface, not a host
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * Caps sockets per address at `maxPerAddress` (0: no cap).
 *
 * @example
 * ```ts
 * import { refuseUpgrade } from './refuseUpgrade.ts';
 * const caps = connectionCaps(DEFAULT_MAX_SOCKETS_PER_ADDRESS);
 * server.on('upgrade', (request, socket) => {
 *   const release = caps.admit(request.socket.remoteAddress);
 *   if (!release) return refuseUpgrade(socket, 429);
 *   socket.once('close', release);
 * });
 * ```
 */
export function connectionCaps(maxPerAddress: number): ConnectionCaps {
  const counts = new Map<string, number>();
  return {
    admit(remoteAddress) {
      const key = addressKey(remoteAddress);
      const held = counts.get(key) ?? 0;
      if (maxPerAddress > 0 && held >= maxPerAddress) return undefined;
      counts.set(key, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const now = (counts.get(key) ?? 1) - 1;
        if (now > 0) counts.set(key, now);
        else counts.delete(key);
      };
    },
    held: (remoteAddress) => counts.get(addressKey(remoteAddress)) ?? 0,
  };
}
