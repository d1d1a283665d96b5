/**
 * What the join screen remembers between visits: the name last joined under and the devices
 * last chosen, in localStorage. Anything on this origin (another tab, an extension, an old
 * version of the hub) may have written that key, so what is read back is checked like a
 * stranger's message: wrong types, oversized or odd values are dropped, never used.
 */
import { MAX_NAME_LENGTH } from '../room/protocol.ts';
import type { DeviceChoice, JoinRequest } from './joinRequest.ts';

/** The localStorage key; versioned so that a later shape can tell an old one apart. */
export const REMEMBERED_JOIN_KEY = 'peerstage.join.v1';

/**
 * Longer than any browser's `deviceId` (Chromium's are 64 hex digits, Firefox's 44 base64
 * characters), and small enough that junk cannot grow a constraint without bound.
 */
export const MAX_DEVICE_ID_LENGTH = 128;

/** What is remembered: each field only when it was valid. */
export type RememberedJoin = Pick<JoinRequest, 'name' | 'camera' | 'microphone'>;

/** Where it is kept: `localStorage`, or anything with its two methods (tests, private mode). */
export type JoinMemory = Pick<Storage, 'getItem' | 'setItem'>;

/** Printable ASCII with no spaces: what browsers' device IDs are made of. */
const DEVICE_ID = /^[\x21-\x7e]+$/;

/**
 * Reads what the last join left, keeping only the valid fields; `{}` when nothing (or nothing
 * valid) is there, or storage cannot be read (blocked cookies make `localStorage` throw).
 *
 * @example
 * ```ts
 * const { name } = readRememberedJoin(localStorage); // 'Ada', or undefined on a first visit
 * ```
 */
export function readRememberedJoin(memory: JoinMemory | undefined = defaultMemory()): Partial<RememberedJoin> {
  let parsed: unknown;
  try {
    const text = memory?.getItem(REMEMBERED_JOIN_KEY);
    if (typeof text !== 'string' || text.length > 1_024) return {};
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const record = parsed as Record<string, unknown>;
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  return {
    ...(name !== '' && name.length <= MAX_NAME_LENGTH ? { name } : {}),
    ...validDevice('camera', record.camera),
    ...validDevice('microphone', record.microphone),
  };
}

/**
 * Remembers `request`'s name and devices for the next visit (never its room or passphrase).
 * Storage that refuses (full, blocked) is no reason to stop someone joining: it is ignored.
 *
 * @example
 * ```ts
 * rememberJoin({ room: 'jam', name: 'Ada', media: 'camera', camera: 'b3f1…' }, localStorage);
 * ```
 */
export function rememberJoin(request: JoinRequest, memory: JoinMemory | undefined = defaultMemory()): void {
  const kept: RememberedJoin = {
    name: request.name,
    ...validDevice('camera', request.camera),
    ...validDevice('microphone', request.microphone),
  };
  try {
    memory?.setItem(REMEMBERED_JOIN_KEY, JSON.stringify(kept));
  } catch {
    // Quota exceeded or storage disabled: the name is typed again next time.
  }
}

/**
 * What the join screen starts from: the remembered name and devices, under what the link
 * says (its room, and its `name=`, which wins over the remembered one).
 *
 * @example
 * ```ts
 * joinDefaults({ room: 'jam' }, '?room=jam&name=Bo', localStorage); // → { name: 'Bo', room: 'jam', … }
 * ```
 */
export function joinDefaults(
  fromLink: Partial<JoinRequest>,
  search: string,
  memory: JoinMemory | undefined = defaultMemory(),
): Partial<JoinRequest> {
  const linkName = new URLSearchParams(search).get('name')?.trim().slice(0, MAX_NAME_LENGTH) ?? '';
  return { ...readRememberedJoin(memory), ...fromLink, ...(linkName !== '' ? { name: linkName } : {}) };
}

function validDevice(field: keyof DeviceChoice, value: unknown): DeviceChoice {
  return typeof value === 'string' && value.length <= MAX_DEVICE_ID_LENGTH && DEVICE_ID.test(value) ? { [field]: value } : {};
}

/** The page's localStorage; `undefined` in Node, or where merely touching it throws. */
function defaultMemory(): JoinMemory | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return undefined;
  }
}
