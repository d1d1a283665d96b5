/**
 * Reads a saved recording back as a player would: with `ffprobe` when the machine has it
 * (Debian `ffmpeg`), else with mediabunny in Node; and, either way, peerstage's own look at
 * the WebM layout (Cues, SeekHead, Duration) that makes it seekable.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { inspectRecording } from '../src/record/inspectRecording.ts';

export interface ProbedRecording {
  /** Which reader gave duration and frames. */
  readonly by: 'ffprobe' | 'mediabunny';
  readonly durationS: number;
  readonly videoFrames: number;
  readonly trackTypes: readonly string[];
  readonly seekable: boolean;
}

/** Duration, video frame count and stream types from ffprobe, or null without ffprobe. */
function ffprobe(path: string): { durationS: number; videoFrames: number; trackTypes: string[] } | null {
  const run = spawnSync(
    'ffprobe',
    ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,nb_read_frames:format=duration', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  if (run.error || run.status !== 0) return null;
  const parsed = JSON.parse(run.stdout) as { streams: { codec_type: string; nb_read_frames?: string }[]; format: { duration?: string } };
  const video = parsed.streams.find((stream) => stream.codec_type === 'video');
  return {
    durationS: Number(parsed.format.duration),
    videoFrames: Number(video?.nb_read_frames ?? 0),
    trackTypes: parsed.streams.map((stream) => stream.codec_type),
  };
}

export async function probeRecording(path: string): Promise<ProbedRecording> {
  const report = await inspectRecording(new Blob([await readFile(path)], { type: 'video/webm' }));
  const probed = ffprobe(path);
  if (probed) return { by: 'ffprobe', ...probed, seekable: report.seekable };
  return {
    by: 'mediabunny',
    durationS: report.durationS,
    videoFrames: report.videoFrames,
    trackTypes: report.tracks.map((track) => track.type),
    seekable: report.seekable,
  };
}
