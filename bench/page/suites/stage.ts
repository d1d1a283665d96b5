/**
 * What the stage costs per frame: a `Stage` with 2, 4 and 8 video cubes, fed synthetic
 * streams at 320x240 and at 640x480, against a plain hand-written three.js scene with the
 * same cubes, each with a VideoTexture of the same streams, rendered by the same kind of
 * 30 fps timer, on a canvas of the same size.
 *
 * A sample is one rendered frame: the time from `renderer.render` being called until a
 * one-pixel `readPixels` returns, which waits for the GPU (SwiftShader here) to finish the
 * frame, video texture uploads included. Without that wait the time would only be the
 * commands' recording, since WebGL draws asynchronously. The stage's own per-frame work
 * outside `render` (spin, glides, levels; allocation-free) is not in the timed span, nor is
 * the baseline's spin. The two scenes take turns round by round, each round on fresh
 * renderers and video elements over the same streams. Goal: within 1.2x of the plain scene.
 * The stage also draws a name label per cube (a transparent sprite): with the labels hidden it
 * measured 0.9-1.0x of the plain scene, so what it costs beyond that is the labels.
 */
import {
  BoxGeometry,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
  SRGBColorSpace,
  VideoTexture,
  WebGLRenderer,
  type Camera,
  type Object3D,
} from 'three';
import { createSyntheticStream } from '../../../src/media/createSyntheticStream.ts';
import { gridLayout } from '../../../src/scene/layouts.ts';
import { Stage } from '../../../src/scene/Stage.ts';
import type { BenchCase } from '../benchCase.ts';

const COUNTS = [2, 4, 8] as const;
const VIDEO_SIZES = [
  { width: 320, height: 240 },
  { width: 640, height: 480 },
] as const;
/** The stage's drawing size: what the hub shows and records. */
const CANVAS = { width: 640, height: 360 } as const;
const FPS = 30;
const ROUNDS = 6;
const FRAMES_PER_ROUND = 30;
/** Time for the videos to start playing and the first textures to upload before timing. */
const SETTLE_MS = 700;
/** Colours far apart, so every cube has a picture of its own. */
const COLOURS = ['#e02424', '#1fbf3f', '#2a4fe0', '#f0c020', '#d030d0', '#20d0d0', '#f07020', '#8040f0'] as const;
/** The stage's camera: its field of view and the room it keeps around the outermost cubes. */
const FIELD_OF_VIEW_DEG = 40;
const FRAME_MARGIN = 1.4;

type VideoSize = (typeof VIDEO_SIZES)[number];

/** A scene under test: it renders on its own timer and reports each frame's time. */
interface Scenery {
  /** Resolves with `count` frame times, from when the call is made. */
  frames(count: number): Promise<number[]>;
  dispose(): void;
}

/**
 * Wraps `renderer.render` so that each call is timed until the GPU has finished it, and hands
 * out the times as they come.
 */
function timeRenders(renderer: WebGLRenderer): Scenery['frames'] {
  const gl = renderer.getContext();
  const pixel = new Uint8Array(4);
  const render = renderer.render.bind(renderer);
  let wanted = 0;
  let times: number[] = [];
  let done: ((times: number[]) => void) | undefined;
  renderer.render = (scene: Object3D, camera: Camera) => {
    const startedAt = performance.now();
    render(scene, camera);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    if (!done) return;
    times.push(performance.now() - startedAt);
    if (times.length < wanted) return;
    done(times);
    done = undefined;
  };
  return (count) =>
    new Promise((resolve) => {
      wanted = count;
      times = [];
      done = resolve;
    });
}

function withStage(streams: readonly MediaStream[]): Scenery {
  const stage = new Stage({ ...CANVAS, pixelRatio: 1, fps: FPS, renderWhileHidden: true, transitionMs: 0, layout: gridLayout() });
  for (const [index, stream] of streams.entries()) stage.addMember(`member-${index}`, { name: `Member ${index + 1}`, stream });
  return { frames: timeRenders(stage.renderer), dispose: () => stage.dispose() };
}

/** The handout's way, written out: cubes with video textures, spun and drawn on a timer. */
function plainScene(streams: readonly MediaStream[]): Scenery {
  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(1);
  renderer.setSize(CANVAS.width, CANVAS.height, false);
  const scene = new Scene();
  const camera = new PerspectiveCamera(FIELD_OF_VIEW_DEG, CANVAS.width / CANVAS.height, 0.1, 200);
  const positions = gridLayout()(streams.length);
  const cubes = streams.map((stream, index) => {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream(stream.getVideoTracks());
    void video.play();
    const texture = new VideoTexture(video);
    texture.colorSpace = SRGBColorSpace;
    const mesh = new Mesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial({ map: texture }));
    const { x, y, z } = positions[index]!;
    mesh.position.set(x, y, z);
    mesh.rotation.x = 0.35;
    scene.add(mesh);
    return { mesh, texture, video };
  });
  // Frame the grid as the stage does, so both draw cubes of the same size on screen.
  const halfWidth = Math.max(...positions.map(({ x }) => Math.abs(x))) + FRAME_MARGIN;
  const halfHeight = Math.max(...positions.map(({ y }) => Math.abs(y))) + FRAME_MARGIN;
  const tanHalf = Math.tan(((FIELD_OF_VIEW_DEG / 2) * Math.PI) / 180);
  camera.position.set(0, 0, Math.max(halfHeight / tanHalf, halfWidth / (tanHalf * camera.aspect)));
  const frames = timeRenders(renderer);
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    for (const { mesh } of cubes) mesh.rotation.y += (0.6 * (now - last)) / 1_000;
    last = now;
    renderer.render(scene, camera);
  }, 1_000 / FPS);
  return {
    frames,
    dispose: () => {
      clearInterval(timer);
      for (const { mesh, texture, video } of cubes) {
        texture.dispose();
        mesh.geometry.dispose();
        mesh.material.dispose();
        video.pause();
        video.srcObject = null;
      }
      renderer.dispose();
      renderer.forceContextLoss();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function round(streams: readonly MediaStream[], make: (streams: readonly MediaStream[]) => Scenery): Promise<number[]> {
  const scenery = make(streams);
  try {
    await sleep(SETTLE_MS);
    return await scenery.frames(FRAMES_PER_ROUND);
  } finally {
    scenery.dispose();
  }
}

/** All rounds for one cube count and video size, the two scenes taking turns. */
async function measure(count: number, size: VideoSize): Promise<{ stage: number[]; plain: number[] }> {
  const streams = Array.from({ length: count }, (_, index) =>
    createSyntheticStream({ color: COLOURS[index % COLOURS.length], width: size.width, height: size.height, fps: FPS }),
  );
  const stage: number[] = [];
  const plain: number[] = [];
  try {
    for (let turn = 0; turn < ROUNDS; turn += 1) {
      // Alternate which goes first, so drift over a round favours neither.
      if (turn % 2 === 0) {
        stage.push(...(await round(streams, withStage)));
        plain.push(...(await round(streams, plainScene)));
      } else {
        plain.push(...(await round(streams, plainScene)));
        stage.push(...(await round(streams, withStage)));
      }
    }
  } finally {
    for (const track of streams.flatMap((stream) => stream.getTracks())) track.stop();
  }
  return { stage, plain };
}

export function cases(): BenchCase[] {
  const measured = new Map<string, Promise<{ stage: number[]; plain: number[] }>>();
  const once = (count: number, size: VideoSize) => {
    const key = `${count}@${size.width}x${size.height}`;
    let run = measured.get(key);
    if (!run) {
      run = measure(count, size);
      measured.set(key, run);
    }
    return run;
  };
  return VIDEO_SIZES.flatMap((size) =>
    COUNTS.flatMap((count): BenchCase[] => {
      const suffix = `${count}-cubes.${size.width}x${size.height}`;
      return [
        {
          name: `stage.plain-three.${suffix}`,
          unit: 'ms/frame',
          better: 'lower',
          run: async () => (await once(count, size)).plain,
        },
        {
          name: `stage.stage.${suffix}`,
          unit: 'ms/frame',
          better: 'lower',
          baseline: `stage.plain-three.${suffix}`,
          goal: { max: 1.2 },
          run: async () => (await once(count, size)).stage,
        },
      ];
    }),
  );
}
