import { type Filter, ImageSource, RenderTexture, type TextureSource, type WebGLRenderer } from 'pixi.js';
import { LightWrapFilter } from './filters/light-wrap/index.js';
import { destroyFilter, RenderPass } from './render-pass.js';

/** How far inside the person light wrap reaches, as a fraction of the frame height. */
const WRAP_REACH = 0.025;
/** Width of light wrap's low-resolution target: the wrap is smooth, so ~5 px cells at 640 suffice. */
const WRAP_WIDTH = 128;
/** Texels across the long side of the light-wrap copy: about the image's 5th mip level at 1280 px. */
const LIGHT_TEXELS = 32;

/** `image` averaged down to a few texels: sampled bilinearly, a very blurred image. */
function lightOf(image: ImageBitmap): OffscreenCanvas {
  const scale = LIGHT_TEXELS / Math.max(image.width, image.height);
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D context for the light-wrap image');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** What the composite needs to apply light wrap. */
export interface LightWrap {
  /** 0..1. */
  readonly strength: number;
  /** rgb: the image's light; a: how near the person's edge each point is. */
  readonly texture: TextureSource;
}

/**
 * Light wrap, in image mode: the background's light spilling onto the person's edge,
 * prepared at low resolution for the composite to read once per pixel. The light comes
 * from a tiny copy of the image whose bilinear upscale is the image's blurred light: a
 * high mip level of the image would do the same, but mipmapped sampling is slow under
 * software WebGL.
 */
export class LightWrapStage {
  private readonly filter = new LightWrapFilter();
  private readonly target = RenderTexture.create({ width: 1, height: 1 });
  private readonly pass: RenderPass;
  private strength = 0;
  /** The image's light, and the image it was made from. */
  private light: { source: ImageSource; image: ImageBitmap } | null = null;

  constructor(renderer: WebGLRenderer) {
    this.pass = new RenderPass(renderer, [this.filter]);
  }

  /** Every filter this stage draws with. */
  get filters(): readonly Filter[] {
    return [this.filter];
  }

  /** The background image (null when there is none) and the strength, 0..1 (0: off). */
  configure(image: ImageBitmap | null, strength: number): void {
    if (this.light && this.light.image !== image) {
      this.filter.clear(); // unbind before destroying
      this.light.source.destroy();
      this.light = null;
    }
    this.strength = strength;
    if (image && strength > 0) this.light ??= { source: new ImageSource({ resource: lightOf(image) }), image };
  }

  /**
   * Renders the wrap for the image lying over the frame as `transform` says (frame uv to
   * image uv), around `mask`'s person. Returns null when light wrap is off.
   */
  render(mask: TextureSource, width: number, height: number, transform: readonly [number, number, number, number]): LightWrap | null {
    if (!this.light || this.strength <= 0) return null;
    const wrapHeight = Math.max(1, Math.round((WRAP_WIDTH * height) / width));
    if (this.target.width !== WRAP_WIDTH || this.target.height !== wrapHeight) this.target.resize(WRAP_WIDTH, wrapHeight);
    this.filter.mask = mask;
    this.filter.set(this.light.source, transform, [(WRAP_REACH * height) / width, WRAP_REACH]);
    this.pass.render(this.target);
    return { strength: this.strength, texture: this.target.source };
  }

  destroy(): void {
    destroyFilter(this.filter);
    this.pass.destroy();
    this.light?.source.destroy();
    this.target.destroy(true);
  }
}
