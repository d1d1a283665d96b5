/**
 * The binary frames of a data channel: large payloads travel as chunks that each carry where
 * they belong, so the receiver can rebuild them (and report progress) without trusting order
 * or size claims blindly. Text frames (JSON) need no header: a channel tells strings from
 * ArrayBuffers by type.
 *
 * Layout (little-endian), 16 bytes of header then the payload:
 * ```
 * u8 kind | u8 version | u16 reserved | u32 transferId | u32 byteOffset | u32 totalBytes | payload…
 * ```
 */

export const FRAME_VERSION = 1;
export const FRAME_HEADER_BYTES = 16;

export const FrameKind = {
  /** A piece of a transfer: `payload` goes at `byteOffset` of a `totalBytes` long buffer. */
  Chunk: 1,
  /** The sender gave up on a transfer; the receiver drops what it has of it. */
  Abort: 2,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export interface ChunkFrame {
  readonly kind: typeof FrameKind.Chunk;
  readonly transferId: number;
  readonly byteOffset: number;
  readonly totalBytes: number;
  readonly payload: Uint8Array;
}

export interface AbortFrame {
  readonly kind: typeof FrameKind.Abort;
  readonly transferId: number;
}

export type BinaryFrame = ChunkFrame | AbortFrame;

/**
 * Encodes one chunk of `source` (bytes `byteOffset` to `byteOffset + length`).
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array(200_000);
 * const frame = encodeChunk(7, bytes, 0, 65536); // the first 64 KiB of transfer 7
 * ```
 */
export function encodeChunk(transferId: number, source: Uint8Array, byteOffset: number, length: number): ArrayBuffer {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + length);
  writeHeader(frame, FrameKind.Chunk, transferId, byteOffset, source.byteLength);
  frame.set(source.subarray(byteOffset, byteOffset + length), FRAME_HEADER_BYTES);
  return frame.buffer;
}

/**
 * Encodes one chunk like {@link encodeChunk}, but into `frame` (at least
 * `FRAME_HEADER_BYTES + length` long), and returns the view of it to send. For a sender that
 * reuses one buffer: `RTCDataChannel.send` copies what it is given before returning.
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array(200_000);
 * const frame = new Uint8Array(FRAME_HEADER_BYTES + 65536);
 * dataChannel.send(encodeChunkInto(frame, 7, bytes, 0, 65536));
 * ```
 */
export function encodeChunkInto(
  frame: Uint8Array<ArrayBuffer>,
  transferId: number,
  source: Uint8Array,
  byteOffset: number,
  length: number,
): Uint8Array<ArrayBuffer> {
  const view = frame.subarray(0, FRAME_HEADER_BYTES + length);
  writeHeader(view, FrameKind.Chunk, transferId, byteOffset, source.byteLength);
  view.set(source.subarray(byteOffset, byteOffset + length), FRAME_HEADER_BYTES);
  return view;
}

/**
 * Encodes the abort of a transfer: the receiver drops what it has of it.
 *
 * @example
 * ```ts
 * dataChannel.send(encodeAbort(7));
 * ```
 */
export function encodeAbort(transferId: number): ArrayBuffer {
  const frame = new Uint8Array(FRAME_HEADER_BYTES);
  writeHeader(frame, FrameKind.Abort, transferId, 0, 0);
  return frame.buffer;
}

function writeHeader(frame: Uint8Array, kind: FrameKind, transferId: number, byteOffset: number, totalBytes: number): void {
  const view = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_BYTES);
  view.setUint8(0, kind);
  view.setUint8(1, FRAME_VERSION);
  // Reserved: zero, also when the frame buffer is reused.
  view.setUint16(2, 0, true);
  view.setUint32(4, transferId, true);
  view.setUint32(8, byteOffset, true);
  view.setUint32(12, totalBytes, true);
}

/**
 * Decodes a binary frame, or returns a description of what is wrong with it. Never throws:
 * the bytes come from another browser.
 *
 * @example
 * ```ts
 * dataChannel.addEventListener('message', ({ data }) => {
 *   const frame = decodeFrame(data);
 *   if (typeof frame === 'string') console.warn(`malformed frame: ${frame}`);
 * });
 * ```
 */
export function decodeFrame(buffer: ArrayBuffer): BinaryFrame | string {
  if (buffer.byteLength < FRAME_HEADER_BYTES) return `frame of ${buffer.byteLength} bytes is shorter than its header`;
  const view = new DataView(buffer);
  const kind = view.getUint8(0);
  const version = view.getUint8(1);
  if (version !== FRAME_VERSION) return `frame version ${version} is not ${FRAME_VERSION}`;
  const transferId = view.getUint32(4, true);
  if (kind === FrameKind.Abort) return { kind: FrameKind.Abort, transferId };
  if (kind !== FrameKind.Chunk) return `unknown frame kind ${kind}`;
  const byteOffset = view.getUint32(8, true);
  const totalBytes = view.getUint32(12, true);
  const payload = new Uint8Array(buffer, FRAME_HEADER_BYTES);
  if (byteOffset + payload.byteLength > totalBytes) {
    return `chunk at ${byteOffset} of ${payload.byteLength} bytes overruns its transfer of ${totalBytes}`;
  }
  return { kind: FrameKind.Chunk, transferId, byteOffset, totalBytes, payload };
}
