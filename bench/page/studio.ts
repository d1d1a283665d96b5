/**
 * The record suite's studio: a 4-member stage drawing synthetic members' videos, their mixed
 * audio, and a recording store in a folder of the bench's own, with one `dispose()` for all of it.
 */
import * as Tone from 'tone';
import { AudioMixer } from '../../src/audio/AudioMixer.ts';
import { createSyntheticStream } from '../../src/media/createSyntheticStream.ts';
import { RecordingStore } from '../../src/record/RecordingStore.ts';
import { gridLayout } from '../../src/scene/layouts.ts';
import { Stage } from '../../src/scene/Stage.ts';

export const FPS = 30;
/** The stage's drawing size: what the hub shows and records. */
const CANVAS = { width: 640, height: 360 } as const;
const MEMBERS = [
  { color: '#e02424', frequency: 440 },
  { color: '#1fbf3f', frequency: 550 },
  { color: '#2a4fe0', frequency: 660 },
  { color: '#f0c020', frequency: 770 },
] as const;
/** Time for the videos to play and the stage to draw them before a recording starts. */
const SETTLE_MS = 1_000;
/** The bench's own store folder, removed at the end: nothing of the bench outlives it. */
export const STORE_FOLDER = 'peerstage-bench-recordings';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The 4-member stage and its mix, and one `dispose()` for all of it. */
export interface Studio {
  readonly stage: Stage;
  readonly mix: MediaStream;
  readonly store: RecordingStore;
  dispose(): Promise<void>;
}

export async function openStudio(): Promise<Studio> {
  await Tone.start();
  const streams = MEMBERS.map(({ color, frequency }) => createSyntheticStream({ color, frequency, width: 320, height: 240, fps: FPS }));
  const stage = new Stage({ ...CANVAS, pixelRatio: 1, fps: FPS, renderWhileHidden: true, layout: gridLayout() });
  document.body.append(stage.canvas);
  const mixer = new AudioMixer();
  streams.forEach((stream, index) => {
    stage.addMember(`member-${index}`, { name: `Member ${index + 1}`, stream });
    mixer.add(`member-${index}`, stream);
  });
  const root = await navigator.storage.getDirectory();
  const store = await RecordingStore.open({ folder: STORE_FOLDER });
  await sleep(SETTLE_MS);
  return {
    stage,
    mix: mixer.stream,
    store,
    dispose: async () => {
      mixer.dispose();
      stage.canvas.remove();
      stage.dispose();
      for (const track of streams.flatMap((stream) => stream.getTracks())) track.stop();
      await root.removeEntry(STORE_FOLDER, { recursive: true }).catch(() => undefined);
    },
  };
}
