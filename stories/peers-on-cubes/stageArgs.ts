/**
 * The stage's options as Storybook controls: layout, seed, spin, glide time and audio
 * reactivity, and how many members stand on it.
 */
import type { ArgTypes } from '@storybook/html-vite';
import { DEFAULT_LEVEL_SMOOTHING_MS, LAYOUT_NAMES, layoutByName, type LayoutName, type StageOptions } from '../../src/index.ts';
import { cubeReach, fitLayout, type StagePosition } from '../../src/scene/index.ts';
import { MAX_MEMBERS } from './cubeMembers.ts';

/** `fit`: the stage's own arrangement (`fitLayout`), which knows the canvas's shape and the focused member. */
export type StageLayoutName = 'fit' | LayoutName;

export interface StageArgs {
  readonly layout: StageLayoutName;
  readonly seed: number;
  /** Radians per second. */
  readonly spin: number;
  readonly moveMs: number;
  /** Extra size at full level; 0 turns audio reactivity off. */
  readonly levelScale: number;
  readonly levelSmoothingMs: number;
  /** You included. */
  readonly members: number;
}

export const STAGE_DEFAULTS: StageArgs = {
  layout: 'fit',
  seed: 7,
  spin: 0.6,
  moveMs: 600,
  levelScale: 0.5,
  levelSmoothingMs: DEFAULT_LEVEL_SMOOTHING_MS,
  members: 3,
};

/** Controls for {@link StageArgs}, to spread into a story's `argTypes`. */
export const STAGE_ARG_TYPES: Partial<ArgTypes<StageArgs>> = {
  layout: {
    control: 'select',
    options: ['fit', ...LAYOUT_NAMES],
    description:
      '`fit` (the default): rows and columns chosen for the canvas’s shape, spaced so that no two cubes are ever ' +
      'drawn over each other, at any turn or size, and a focused member large beside the others; ' +
      '`random`: scattered as in the handout, but seeded (the same seed, the same places) and never overlapping; ' +
      '`ring`: evenly on a circle, the first member at the top; `grid`: rows and columns, as square as possible.',
  },
  seed: {
    control: { type: 'range', min: 1, max: 100, step: 1 },
    description: 'The random layout’s seed (`randomLayout({ seed })`). Other layouts ignore it.',
  },
  spin: {
    control: { type: 'range', min: 0, max: 3, step: 0.1 },
    description: 'Rotation speed, radians per second (`spinRadPerSecond`). Time-based: the same at any frame rate.',
  },
  moveMs: {
    control: { type: 'range', min: 0, max: 2_000, step: 50 },
    description: 'How long cubes glide to their new places when members join or leave (`moveMs`); 0 jumps.',
  },
  levelScale: {
    control: { type: 'range', min: 0, max: 1, step: 0.05 },
    description:
      'Audio reactivity (`levelScale`): how much bigger a cube is at full level (0 dBFS) than in silence. ' +
      '0 turns it off, and the story then analyses no audio at all.',
  },
  levelSmoothingMs: {
    control: { type: 'range', min: 0, max: 500, step: 10 },
    description:
      'Time constant of a cube’s size following its level (`levelSmoothingMs`): 0 jumps with every analysis ' +
      'frame, larger is calmer but slower.',
  },
  members: {
    control: { type: 'range', min: 2, max: MAX_MEMBERS, step: 1 },
    description: 'Members on stage, you included; each other one is a `joinRoom` of its own in this page.',
  },
};

/**
 * The controls as Stage options. Numbers are forced: a control may hand its value over as text.
 *
 * @example
 * ```ts
 * room.peers$.pipe(roomStage({ container, ...stageOptions(args) }));
 * ```
 */
export function stageOptions(args: StageArgs): StageOptions {
  return {
    ...(args.layout === 'fit'
      ? { arrangement: fitLayout() }
      : { layout: layoutByName(args.layout, { seed: Math.round(Number(args.seed)) }) }),
    spinRadPerSecond: Number(args.spin),
    moveMs: Number(args.moveMs),
    levelScale: Number(args.levelScale),
    levelSmoothingMs: Number(args.levelSmoothingMs),
  };
}

/**
 * Where the controls' layout puts `count` members, with nobody focused, on a stage of `aspect`:
 * what the cubes stand at once their glides are over.
 *
 * @example
 * ```ts
 * layoutPlaces(STAGE_DEFAULTS, 3, 16 / 9); // one row of three
 * ```
 */
export function layoutPlaces(args: StageArgs, count: number, aspect: number): readonly StagePosition[] {
  if (args.layout !== 'fit') return layoutByName(args.layout, { seed: Math.round(Number(args.seed)) })(count);
  return fitLayout()(count, { aspect, focus: null, reach: cubeReach(Number(args.levelScale)) });
}
