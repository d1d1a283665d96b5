/**
 * What the recorder records: the canvas of whichever view the room shows, the cubes' stage or
 * the video tiles. Both `Stage` and `TileCanvas` are one.
 */

/** A view drawn into a canvas at a steady rate, that can be asked to go on drawing while not seen. */
export interface RecordedView {
  readonly canvas: HTMLCanvasElement;
  /** On while a recording runs: a view not seen (a hidden tab, the other view shown) would record a frozen picture. */
  renderWhileHidden: boolean;
  readonly disposed: boolean;
}
