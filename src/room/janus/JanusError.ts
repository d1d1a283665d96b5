/**
 * A refusal from a Janus server, as a {@link RoomError} that also carries Janus's own code.
 * Callers branch on `reason` like for any room error; `code` and `plugin` are there for logs
 * and for the few rules that depend on them (427 "room exists" means "go on and join").
 */
import { RoomError, type RoomErrorReason } from '../RoomError.ts';

/** The plugins whose codes mean something to a room (docs/janus-notes.md); each numbers its errors on its own. */
export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';
export const TEXTROOM_PLUGIN = 'janus.plugin.textroom';

/**
 * What a code means to a room, plugin by plugin: a wrong or missing pin is a wrong passphrase,
 * a full publishers list a full room; every other refusal is a failed join.
 */
const REASONS: Readonly<Record<string, Readonly<Record<number, RoomErrorReason>>>> = {
  // 433 UNAUTHORIZED (wrong pin), 429 MISSING_ELEMENT (no pin, the room has one), 432 PUBLISHERS_FULL.
  [VIDEOROOM_PLUGIN]: { 433: 'wrong-passphrase', 429: 'wrong-passphrase', 432: 'room-full' },
  // 419 UNAUTHORIZED (read in the plugin's sources, not run).
  [TEXTROOM_PLUGIN]: { 419: 'wrong-passphrase' },
};

/** Error text from a server is shown, not trusted: this much of it at most. */
const MAX_REASON_LENGTH = 200;

export class JanusError extends RoomError {
  /** Janus's numeric code: the core's (458 no such session) or the plugin's (433 wrong pin). */
  readonly code: number;
  /** The plugin that refused, or `undefined` for the core. */
  readonly plugin: string | undefined;

  /**
   * @example
   * ```ts
   * const error = new JanusError(433, 'Unauthorized (wrong pin)', VIDEOROOM_PLUGIN);
   * error.reason; // → 'wrong-passphrase'
   * ```
   */
  constructor(code: number, text: string, plugin?: string) {
    const shown = text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH)}…` : text;
    super(janusErrorReason(code, plugin), `Janus ${plugin ? `${plugin} ` : ''}refused: ${code} ${shown}`);
    this.code = code;
    this.plugin = plugin;
  }
}

/**
 * The room's reason for Janus's `code` from `plugin` (`undefined`: the core).
 *
 * @example
 * ```ts
 * janusErrorReason(432, VIDEOROOM_PLUGIN); // → 'room-full'
 * janusErrorReason(458, undefined); // → 'join-failed'
 * ```
 */
export function janusErrorReason(code: number, plugin: string | undefined): RoomErrorReason {
  return (plugin !== undefined && Object.hasOwn(REASONS, plugin) ? REASONS[plugin]?.[code] : undefined) ?? 'join-failed';
}
