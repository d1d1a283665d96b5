export { SceneError, type SceneErrorReason } from './SceneError.ts';
export { RenderLoop, type RenderLoopOptions, type VisibilitySource } from './RenderLoop.ts';
export { Stage, type StageMember, type StageOptions } from './Stage.ts';
export { showOnStage } from './showOnStage.ts';
export { roomStage, type RoomStageOptions, type StageLevel, type StageSelf } from './roomStage.ts';
export { videoChanges } from './videoChanges.ts';
export { approach, approachShare, DEFAULT_LEVEL_SMOOTHING_MS, easeOutCubic, glideFraction } from './easing.ts';
export { Glide } from './Glide.ts';
export { nameTexture, type NameTextureOptions } from './nameTexture.ts';
export {
  DEFAULT_LAYOUT_SEED,
  GRID_LAYOUT_DEFAULTS,
  gridLayout,
  LAYOUT_NAMES,
  layoutByName,
  MIN_CUBE_DISTANCE,
  RANDOM_LAYOUT_DEFAULTS,
  randomLayout,
  RING_LAYOUT_DEFAULTS,
  ringLayout,
  type GridLayoutOptions,
  type Layout,
  type LayoutName,
  type LayoutOptions,
  type RandomLayoutOptions,
  type RingLayoutOptions,
  type StagePosition,
} from './layouts.ts';
