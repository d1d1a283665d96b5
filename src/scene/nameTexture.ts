/**
 * A member's name as a texture: the label above each cube and the face of a member who shares
 * no video. Drawn on a 2D canvas with fillText, so a name is only ever text, never markup.
 */
import { CanvasTexture, SRGBColorSpace } from 'three';

export interface NameTextureOptions {
  /** Canvas size in pixels; text is fitted to it. */
  readonly width: number;
  readonly height: number;
  /** CSS colour behind the text, or `null` for a transparent background. */
  readonly background: string | null;
  /** CSS colour of the text. */
  readonly color: string;
}

/**
 * Draws `name` centred on a fresh canvas and wraps it in a CanvasTexture. The caller owns the
 * texture: `texture.dispose()` frees the GPU copy, and the canvas goes with the texture.
 *
 * @example
 * ```ts
 * import { Sprite, SpriteMaterial } from 'three';
 * const label = nameTexture('Ada', { width: 256, height: 64, background: null, color: '#fff' });
 * const sprite = new Sprite(new SpriteMaterial({ map: label, transparent: true }));
 * ```
 */
export function nameTexture(name: string, options: NameTextureOptions): CanvasTexture {
  const { width, height, background, color } = options;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (context) {
    if (background !== null) {
      context.fillStyle = background;
      context.fillRect(0, 0, width, height);
    }
    context.fillStyle = color;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    // Sized to the smaller side, then squeezed by maxWidth: long names shrink instead of clipping.
    context.font = `bold ${Math.round(Math.min(height * 0.6, width / 4))}px sans-serif`;
    context.fillText(name, width / 2, height / 2, width * 0.92);
  }
  const texture = new CanvasTexture(canvas);
  // Canvas pixels are sRGB; without this three would show them washed out.
  texture.colorSpace = SRGBColorSpace;
  return texture;
}
