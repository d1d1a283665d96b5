import { describe, expect, it } from 'vitest';
import { blobReader, readWebmLayout } from './webmLayout.ts';

/** An element: its ID bytes as written, a size (`null`: unknown, as MediaRecorder writes clusters), a body. */
function element(id: number[], body: Uint8Array | number[], size: 'known' | 'unknown' = 'known'): Uint8Array {
  const data = body instanceof Uint8Array ? body : new Uint8Array(body);
  // An 8-byte size: 0x01 then 7 bytes, enough for any test; all ones means unknown.
  const sizeBytes =
    size === 'unknown'
      ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
      : [0x01, 0, 0, 0, 0, 0, (data.length >> 8) & 0xff, data.length & 0xff];
  return concat(new Uint8Array(id), new Uint8Array(sizeBytes), data);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function float64(value: number): number[] {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return [...bytes];
}

const EBML = element([0x1a, 0x45, 0xdf, 0xa3], [0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]); // DocType "webm"
const CLUSTER = (size: 'known' | 'unknown') => element([0x1f, 0x43, 0xb6, 0x75], [0xe7, 0x81, 0x00], size);
const INFO = (durationMs: number | null) =>
  element(
    [0x15, 0x49, 0xa9, 0x66],
    [0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40, ...(durationMs === null ? [] : [0x44, 0x89, 0x88, ...float64(durationMs)])],
  );
const CUES = element([0x1c, 0x53, 0xbb, 0x6b], [0xbb, 0x80]);

function seekHeadTo(offset: number): Uint8Array {
  const seek = element(
    [0x4d, 0xbb],
    concat(element([0x53, 0xab], [0x1c, 0x53, 0xbb, 0x6b]), element([0x53, 0xac], [(offset >> 8) & 0xff, offset & 0xff])),
  );
  return element([0x11, 0x4d, 0x9b, 0x74], seek);
}

function segment(children: Uint8Array[], size: 'known' | 'unknown' = 'known'): Uint8Array {
  return element([0x18, 0x53, 0x80, 0x67], concat(...children), size);
}

async function layoutOf(file: Uint8Array) {
  return readWebmLayout(blobReader(new Blob([file.slice().buffer])), file.length);
}

describe('readWebmLayout', () => {
  it('finds SeekHead, Duration and the Cues the SeekHead points at', async () => {
    const info = INFO(5_000);
    const clusters = concat(CLUSTER('known'), CLUSTER('known'));
    // The SeekHead is a fixed size whatever the offset, so measure it once with a dummy.
    const seekHeadLength = seekHeadTo(0).length;
    const cuesOffset = seekHeadLength + info.length + clusters.length;
    const file = concat(EBML, segment([seekHeadTo(cuesOffset), info, clusters, CUES]));
    expect(await layoutOf(file)).toEqual({ hasSeekHead: true, hasCues: true, durationS: 5, unknownSizeClusters: false });
  });

  it('finds Cues by walking when there is no SeekHead', async () => {
    const file = concat(EBML, segment([INFO(2_500), CLUSTER('known'), CUES]));
    expect(await layoutOf(file)).toEqual({ hasSeekHead: false, hasCues: true, durationS: 2.5, unknownSizeClusters: false });
  });

  it('reports a MediaRecorder timeslice file: no Duration, no Cues, clusters of unknown size', async () => {
    const file = concat(EBML, segment([INFO(null), CLUSTER('unknown'), CLUSTER('unknown')], 'unknown'));
    expect(await layoutOf(file)).toEqual({ hasSeekHead: false, hasCues: false, durationS: null, unknownSizeClusters: true });
  });

  it('does not trust a SeekHead that points at something else', async () => {
    const file = concat(EBML, segment([seekHeadTo(0), INFO(1_000), CLUSTER('known')]));
    expect(await layoutOf(file)).toMatchObject({ hasSeekHead: true, hasCues: false, durationS: 1 });
  });

  it('reports nothing for bytes that are no WebM, and for an empty file', async () => {
    const empty = { hasSeekHead: false, hasCues: false, durationS: null, unknownSizeClusters: false };
    expect(await layoutOf(new TextEncoder().encode('not a webm at all'))).toEqual(empty);
    expect(await layoutOf(new Uint8Array(0))).toEqual(empty);
    // A cut-off header in the middle of the segment ends the walk quietly.
    expect(await layoutOf(concat(EBML, segment([INFO(1_000)]), new Uint8Array([0x1f, 0x43])))).toMatchObject({ durationS: 1 });
  });
});
