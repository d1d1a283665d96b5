/**
 * What makes a WebM seekable, read from its top-level elements: a SeekHead, Cues and a
 * Duration. mediabunny reads files without them (it scans), but players need them to seek.
 */

/** Matroska element IDs, markers included, as the specification writes them. */
const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  cues: 0x1c53bb6b,
  cluster: 0x1f43b675,
} as const;

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>;

export interface WebmLayout {
  /** A SeekHead: the index of the top-level elements. */
  readonly hasSeekHead: boolean;
  /** Cues: the index of key frames by time, which seeking uses. */
  readonly hasCues: boolean;
  /** The Duration in the segment's Info, in seconds; `null` when absent (timeslice recordings). */
  readonly durationS: number | null;
  /** Clusters of unknown size, as MediaRecorder writes them: a reader has to scan to seek. */
  readonly unknownSizeClusters: boolean;
}

/** An element header: where its body starts and how long it is (`null`: unknown size). */
interface Header {
  readonly id: number;
  readonly bodyStart: number;
  readonly size: number | null;
}

/** Longest header: a 4-byte ID and an 8-byte size. */
const MAX_HEADER = 12;
/** Info and SeekHead are small; anything bigger than this is not read whole. */
const MAX_INDEX_ELEMENT = 64 * 1024;

/**
 * Reads the layout of a WebM through `read`, touching only element headers and the small
 * Info and SeekHead elements, never the media.
 *
 * @example
 * ```ts
 * const layout = await readWebmLayout(blobReader(file), file.size);
 * const seekable = layout.hasCues && layout.durationS !== null;
 * ```
 */
export async function readWebmLayout(read: ByteReader, fileSize: number): Promise<WebmLayout> {
  const layout = { hasSeekHead: false, hasCues: false, durationS: null as number | null, unknownSizeClusters: false };
  const ebml = await headerAt(read, 0);
  if (ebml?.id !== ID.ebml || ebml.size === null) return layout;
  const segment = await headerAt(read, ebml.bodyStart + ebml.size);
  if (segment?.id !== ID.segment) return layout;
  const segmentEnd = segment.size === null ? fileSize : Math.min(fileSize, segment.bodyStart + segment.size);

  let cuesAt: number | null = null;
  let position = segment.bodyStart;
  while (position < segmentEnd) {
    const element = await headerAt(read, position);
    if (!element) break;
    if (element.id === ID.cues) layout.hasCues = true;
    if (element.id === ID.cluster && element.size === null) layout.unknownSizeClusters = true;
    if (element.size === null) break; // nothing after it can be found without scanning
    if (element.id === ID.info || element.id === ID.seekHead) {
      const body = await read(element.bodyStart, Math.min(element.size, MAX_INDEX_ELEMENT));
      if (element.id === ID.info) layout.durationS = durationOf(body);
      else {
        layout.hasSeekHead = true;
        const offset = cuesOffset(body);
        if (offset !== null) cuesAt = segment.bodyStart + offset;
      }
    }
    // Once the SeekHead says where the Cues are, the clusters between need no walking.
    if (cuesAt !== null && !layout.hasCues && layout.durationS !== null) {
      layout.hasCues = (await headerAt(read, cuesAt))?.id === ID.cues;
      break;
    }
    position = element.bodyStart + element.size;
  }
  return layout;
}

/**
 * A {@link ByteReader} over a Blob: reads slices, so a large file is never read whole.
 *
 * @example
 * ```ts
 * const layout = await readWebmLayout(blobReader(file), file.size);
 * ```
 */
export function blobReader(blob: Blob): ByteReader {
  return async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
}

async function headerAt(read: ByteReader, position: number): Promise<Header | null> {
  const bytes = await read(position, MAX_HEADER);
  const id = readVint(bytes, 0, true);
  if (!id) return null;
  const size = readVint(bytes, id.length, false);
  if (!size) return null;
  return { id: id.value ?? -1, bodyStart: position + id.length + size.length, size: size.value };
}

/**
 * An EBML variable-length integer at `offset`. IDs keep their length marker; sizes drop it,
 * and a size of all ones means "unknown" (`value: null`).
 */
function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): { value: number | null; length: number } | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // leading zeros within the byte, plus one
  if (length > (keepMarker ? 4 : 8) || offset + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    const byte = bytes[offset + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value: !keepMarker && allOnes ? null : value, length };
}

/** Walks the children of an element body read into memory. */
function* children(body: Uint8Array): Generator<{ id: number; data: Uint8Array }> {
  let position = 0;
  while (position < body.length) {
    const id = readVint(body, position, true);
    if (!id) return;
    const size = readVint(body, position + id.length, false);
    if (!size || size.value === null) return;
    const start = position + id.length + size.length;
    yield { id: id.value ?? -1, data: body.subarray(start, start + size.value) };
    position = start + size.value;
  }
}

function durationOf(info: Uint8Array): number | null {
  let scale = 1_000_000; // ns per timestamp tick, Matroska's default
  let ticks: number | null = null;
  for (const { id, data } of children(info)) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (id === ID.timestampScale) scale = readUint(data);
    else if (id === ID.duration && (data.length === 4 || data.length === 8))
      ticks = data.length === 4 ? view.getFloat32(0) : view.getFloat64(0);
  }
  return ticks === null ? null : (ticks * scale) / 1e9;
}

function cuesOffset(seekHead: Uint8Array): number | null {
  for (const { id, data } of children(seekHead)) {
    if (id !== ID.seek) continue;
    let target: number | null = null;
    let offset: number | null = null;
    for (const entry of children(data)) {
      if (entry.id === ID.seekId) target = readUint(entry.data);
      else if (entry.id === ID.seekPosition) offset = readUint(entry.data);
    }
    if (target === ID.cues && offset !== null) return offset;
  }
  return null;
}

function readUint(data: Uint8Array): number {
  let value = 0;
  for (const byte of data) value = value * 256 + byte;
  return value;
}
