/**
 * Joins a page's WebSocket to the Janus WebSocket opened for it, frame for frame, and keeps
 * each party within limits the other cannot enforce for itself:
 *
 * - Janus speaks JSON text: a binary frame either way ends both (1003).
 * - The page has a byte budget ({@link JANUS_BUDGET}, over it: 1008), so one page cannot pump
 *   Janus at the hub's full bandwidth; Janus is a second hostile-to-overload party behind us.
 * - Neither side may make the hub hold more than {@link MAX_JANUS_UNREAD_BYTES} for the other
 *   (a page that stops reading, a Janus that stalls): past it both are cut.
 * - When one side closes, the other is closed with the same code where a code can be sent, or
 *   cut (so a Janus that vanished shows the page 1006, as it would without the hub between).
 *
 * The frame size cap is the sockets' own (`maxPayload`, 1009): see janusProxy.ts.
 */
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { byteBudget, type ByteBudgetLimits } from './byteBudget.ts';
import { dropAfterCloseFrame } from './dropAfterCloseFrame.ts';

/**
 * What a page may send to Janus: a burst of 1 MiB, then 64 KiB a second. Estimated, not
 * measured: a page sends SDP (an answer grows by about 1 KB per member's track, so even a
 * room of dozens re-answers in well under 100 KB), trickled candidates and a keepalive every
 * few seconds; messages and media go over WebRTC, not this socket.
 */
export const JANUS_BUDGET: ByteBudgetLimits = { burstBytes: 1024 * 1024, bytesPerSecond: 64 * 1024 };

/** What the hub lets wait unread for either side: a few of the largest frames. */
export const MAX_JANUS_UNREAD_BYTES = 1024 * 1024;

const NO_STATUS = 1005;
const UNSUPPORTED_DATA = 1003;
const INVALID_PAYLOAD = 1007;
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;
const PROTOCOL_ERROR = 1002;
const ABNORMAL = 1006;

export interface JanusBridgeOptions {
  /** Default {@link JANUS_BUDGET}. */
  readonly budget?: ByteBudgetLimits;
  /** Default {@link MAX_JANUS_UNREAD_BYTES}. */
  readonly maxUnreadBytes?: number;
  /** Where errors are told (one line each); never thrown. */
  readonly log: (message: string) => void;
  /** Names the pair in the log, e.g. `page 10.0.0.7 ↔ /janus/0`. */
  readonly label: string;
}

export interface JanusBridge {
  /** Resolves once both sides have closed. */
  readonly closed: Promise<void>;
  /** Cuts both sides at once (the hub is stopping). Idempotent. */
  terminate(): void;
}

/** RFC 6455: the codes an endpoint may put in a close frame (ws refuses the others). */
function isSendable(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== NO_STATUS && code !== ABNORMAL) || (code >= 3000 && code <= 4999);
}

/** The close code a ws error stands for; a network error (a reset) is 1006. */
function statusOf(error: Error): number {
  const code = (error as { code?: unknown }).code;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return MESSAGE_TOO_BIG;
  if (code === 'WS_ERR_INVALID_UTF8') return INVALID_PAYLOAD;
  return typeof code === 'string' && code.startsWith('WS_ERR_') ? PROTOCOL_ERROR : ABNORMAL;
}

/** Closes `ws` with `code` if a close frame can carry it, else cuts it. */
function closeWith(ws: WebSocket, code: number, reason?: Buffer | string): void {
  try {
    if (isSendable(code)) ws.close(code, reason);
    else if (code === NO_STATUS) ws.close();
    else ws.terminate();
  } catch {
    ws.terminate(); // a reason over 123 bytes; no peer sends one, but none may crash the hub
  }
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}

/**
 * Bridges `page` (whose raw socket is `pageSocket`) and `janus`, both open. Call it before
 * anyone else listens to either.
 *
 * @example
 * ```ts
 * import type { Duplex } from 'node:stream';
 * import type { WebSocket } from 'ws';
 * declare const page: WebSocket, pageSocket: Duplex, janus: WebSocket;
 * const bridge = bridgeJanus(page, pageSocket, janus, { log: console.error, label: 'page ↔ /janus/0' });
 * await bridge.closed;
 * ```
 */
export function bridgeJanus(page: WebSocket, pageSocket: Duplex, janus: WebSocket, options: JanusBridgeOptions): JanusBridge {
  const { log, label, maxUnreadBytes = MAX_JANUS_UNREAD_BYTES } = options;
  const budget = byteBudget(options.budget ?? JANUS_BUDGET);
  let ended = false;
  const closedSides = [page, janus].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));

  /** Ends the pair: both sides closed with `code` (the side that closed first is already). */
  const end = (code: number, reason?: Buffer | string) => {
    if (ended) return;
    ended = true;
    closeWith(page, code, reason);
    closeWith(janus, code, reason);
  };

  const forward = (to: WebSocket, from: 'page' | 'janus') => (data: RawData, isBinary: boolean) => {
    if (ended) return;
    const bytes = byteLength(data);
    if (isBinary) return end(UNSUPPORTED_DATA, 'Janus speaks JSON text.');
    if (from === 'page' && !budget.take(bytes)) {
      log(`${label}: the page sent more than a Janus client needs; closed`);
      return end(POLICY_VIOLATION, 'More than a Janus client needs.');
    }
    if (to.bufferedAmount + bytes > maxUnreadBytes) {
      log(`${label}: the ${from === 'page' ? 'Janus' : 'page'} side stopped reading; both cut`);
      return end(ABNORMAL);
    }
    // As text, unchanged: ws has checked the UTF-8 already, so no decoding and encoding again.
    to.send(data, { binary: false });
  };
  page.on('message', forward(janus, 'page'));
  janus.on('message', forward(page, 'janus'));

  page.on('close', (code, reason) => end(code, reason));
  janus.on('close', (code, reason) => end(code, reason));

  page.on('error', (error) => {
    log(`${label}: page: ${error.message}`);
    // ws has sent its close frame (1009 for an oversized frame): once it is out, nothing more is read.
    dropAfterCloseFrame(pageSocket);
    end(statusOf(error));
  });
  janus.on('error', (error) => {
    log(`${label}: Janus: ${error.message}`);
    end(statusOf(error));
  });

  return {
    closed: Promise.all(closedSides).then(() => undefined),
    terminate() {
      ended = true;
      page.terminate();
      janus.terminate();
    },
  };
}
