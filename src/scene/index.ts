/**
 * `peerstage/scene`: the stage layer (three.js). The root entry (`peerstage`) has its main
 * path — `roomStage`, `Stage`, `layoutByName`; here are also the roster binding for a stage
 * you own (`showOnStage`) and each layout on its own. Not here: the easing curves, glides,
 * render loop and textures the stage is made of.
 */
export { SceneError, type SceneErrorReason } from './SceneError.ts';
export type { VisibilitySource } from './RenderLoop.ts';
export { Stage, type StageMember, type StageOptions } from './Stage.ts';
export { showOnStage } from './showOnStage.ts';
export { roomStage, type RoomStageOptions, type StageLevel, type StageSelf } from './roomStage.ts';
export { DEFAULT_LEVEL_SMOOTHING_MS } from './easing.ts';
export { DEFAULT_HIGHLIGHT } from './stageMotion.ts';
export { cubeReach } from './MemberCube.ts';
export { FOCUS_LIST_LABEL, focusLabel } from './FocusButtons.ts';
export {
  FIT_LAYOUT_DEFAULTS,
  FOCUS_STRIP_LENGTH,
  fitLayout,
  fromLayout,
  LAYOUT_FOCUS_SCALE,
  type Arrangement,
  type ArrangementView,
  type FitLayoutOptions,
  type StageSlot,
} from './arrangements.ts';
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
