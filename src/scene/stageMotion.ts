/**
 * How a stage's cubes move, from its options: the defaults filled in and the values checked.
 */
import { DEFAULT_LEVEL_SMOOTHING_MS } from './easing.ts';
import type { CubeMotion } from './MemberCube.ts';
import type { StageOptions } from './Stage.ts';

/** The speaking rim's colour when the stage is given none: the hub's dark-scheme `--speaking` green, which reads on the dark stage. */
export const DEFAULT_HIGHLIGHT = '#4ade80';

/** The cubes' motion `options` ask for; a `RangeError` for values out of range. */
export function stageMotion(options: StageOptions): CubeMotion {
  const transitionMs = options.transitionMs ?? 300;
  const motion: CubeMotion = {
    spinRadPerSecond: options.spinRadPerSecond ?? 0.6,
    transitionMs,
    moveMs: options.moveMs ?? transitionMs,
    levelScale: options.levelScale ?? 0.5,
    highlight: options.highlight ?? DEFAULT_HIGHLIGHT,
    levelSmoothingMs: options.levelSmoothingMs ?? DEFAULT_LEVEL_SMOOTHING_MS,
    minDb: options.minDb ?? -60,
    maxDb: options.maxDb ?? 0,
  };
  if (!(motion.maxDb > motion.minDb)) throw new RangeError('Stage: maxDb must be above minDb');
  for (const name of ['transitionMs', 'moveMs', 'levelSmoothingMs'] as const) {
    const value = motion[name];
    if (!(value >= 0 && Number.isFinite(value))) throw new RangeError(`Stage: ${name} must be a finite number of 0 or more, not ${value}`);
  }
  return motion;
}
