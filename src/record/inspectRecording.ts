/**
 * Reading a recording back: its tracks, duration, frame count and whether players can seek it.
 */
import { ALL_FORMATS, BlobSource, EncodedPacketSink, Input, type InputTrack } from 'mediabunny';
import { RecordError } from './RecordError.ts';
import { blobReader, readWebmLayout, type WebmLayout } from './webmLayout.ts';

export interface RecordingTrackReport {
  readonly type: 'video' | 'audio' | 'subtitle';
  /** mediabunny's codec name (`'vp9'`, `'av1'`, `'opus'`), or null when unknown. */
  readonly codec: string | null;
  /** Packets in the track: for video, the frames. */
  readonly packets: number;
  /** First and last packet end, in seconds. */
  readonly startS: number;
  readonly endS: number;
}

export interface RecordingReport {
  readonly mimeType: string;
  readonly tracks: readonly RecordingTrackReport[];
  /** The end of the last packet of any track, in seconds (mediabunny's `computeDuration`). */
  readonly durationS: number;
  /** Video frames: the packets of the first video track (0 without one). */
  readonly videoFrames: number;
  readonly layout: WebmLayout;
  /** Cues present and the duration known: what a player needs for a working seek bar. */
  readonly seekable: boolean;
}

/**
 * Reads `file` with mediabunny and reports what is in it. Frames are counted from packet
 * metadata, so nothing is decoded; the seek index is read from the WebM's top-level elements.
 * Throws a {@link RecordError} `'remux-failed'` when the file cannot be read as media.
 *
 * @example
 * ```ts
 * const recording = await recorder.stop();
 * const report = await inspectRecording(recording.file);
 * console.log(report.durationS, report.videoFrames, report.seekable ? 'seekable' : 'not seekable');
 * ```
 */
export async function inspectRecording(file: Blob): Promise<RecordingReport> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const tracks = await Promise.all((await input.getTracks()).map(reportTrack));
    const durationS = await input.computeDuration();
    const mimeType = await input.getMimeType();
    const layout = await readWebmLayout(blobReader(file), file.size);
    return {
      mimeType,
      tracks,
      durationS,
      videoFrames: tracks.find((track) => track.type === 'video')?.packets ?? 0,
      layout,
      seekable: layout.hasCues && layout.durationS !== null,
    };
  } catch (cause) {
    throw new RecordError('remux-failed', 'The recording could not be read back', { cause });
  } finally {
    input.dispose();
  }
}

async function reportTrack(track: InputTrack): Promise<RecordingTrackReport> {
  let packets = 0;
  let startS = Infinity;
  let endS = 0;
  for await (const packet of new EncodedPacketSink(track).packets(undefined, undefined, { metadataOnly: true })) {
    packets += 1;
    startS = Math.min(startS, packet.timestamp);
    endS = Math.max(endS, packet.timestamp + packet.duration);
  }
  return { type: track.type, codec: await track.getCodec(), packets, startS: packets > 0 ? startS : 0, endS };
}
