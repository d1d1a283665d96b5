/**
 * Which Janus server hosts a room, worked out alone by every member and every hub: the same
 * room name and the same list of servers give the same server, on any machine, with no
 * directory to ask. The hub publishes its list (`janus` in the client configuration); a hub
 * behind a load balancer needs no sticky sessions, since every instance with that list agrees.
 *
 * Rendezvous (highest-random-weight) hashing, rather than a hash ring: each server gets a
 * weight hash(server, room) and the heaviest wins. The lists are short (a hub proxies at most
 * 16 servers), so weighing every server per join costs nothing, and it needs none of a ring's
 * tuning: no virtual nodes to spread the load, shares even by construction, the order of the
 * list irrelevant, and when a server leaves the list only its own rooms move (each to the
 * server that was second for it); the others keep theirs.
 */

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * FNV-1a over UTF-8, then MurmurHash3's 64-bit finaliser: FNV-1a alone mixes the last bytes
 * poorly into the high bits, and server names tend to differ only in their last character
 * (`/janus/0`, `/janus/1`), so without the finaliser one server would win most rooms.
 */
function weight(bytes: Uint8Array): bigint {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  hash ^= hash >> 33n;
  hash = (hash * 0xff51afd7ed558ccdn) & MASK_64;
  hash ^= hash >> 33n;
  hash = (hash * 0xc4ceb9fe1a85ec53n) & MASK_64;
  return hash ^ (hash >> 33n);
}

const encoder = new TextEncoder();

/**
 * The server of `servers` that hosts the room named `roomId`. Deterministic and independent of
 * the list's order; removing a server moves only the rooms it hosted. Throws a `RangeError`
 * for an empty list (a room cannot be hosted nowhere: the caller's bug).
 *
 * @example
 * ```ts
 * const path = janusServerFor('jam', ['/janus/0', '/janus/1']); // the same on every member's page
 * ```
 */
export function janusServerFor(roomId: string, servers: readonly string[]): string {
  if (servers.length === 0) throw new RangeError('janusServerFor: servers must list at least one server, not none');
  let best: string | undefined;
  let bestWeight = -1n;
  for (const server of servers) {
    // The server's length first, so that no (server, room) pair reads as another ("a"+"bc", "ab"+"c").
    const candidate = weight(encoder.encode(`${server.length}:${server}${roomId}`));
    // A tie (1 in 2^64) goes to the lesser name, so that the list's order still does not matter.
    if (candidate > bestWeight || (candidate === bestWeight && best !== undefined && server < best)) {
      best = server;
      bestWeight = candidate;
    }
  }
  return best as string;
}
