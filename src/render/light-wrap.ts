import { type Filter, ImageSource, RenderTexture, type TextureSource, type WebGLRenderer } from 'pixi.js';
import { LightWrapFilter } from './filters/light-wrap/index.js';
import { destroyFilter, RenderPass } from './render-pass.js';

/** How far inside the person light wrap reaches, as a fraction of the frame height. */
const WRAP_REACH = 0.025;
/** Width of light wrap's low-resolution target: the wrap is smooth, so ~5 px cells at 640 suffice. */
const WRAP_WIDTH = 128;
/** Texels across the long side of the light-wrap copy: about the image's 5th mip level at 1280 px. */
const LIGHT_TEXELS = 32;

/**
 * A video's light is redrawn at most this often, in its frames' time (µs): light this blurred
 * changes slowly, and each redraw reads a whole frame back into a 2D canvas.
 */
const VIDEO_LIGHT_INTERVAL_US = 100_000;

/** The size of the light-wrap copy of a `width` x `height` background: `LIGHT_TEXELS` across its long side. */
function lightSize(width: number, height: number): [number, number] {
  const scale = LIGHT_TEXELS / Math.max(width, height);
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

/** What the composite needs to apply light wrap. */
export interface LightWrap {
  /** 0..1. */
  readonly strength: number;
  /** rgb: the image's light; a: how near the person's edge each point is. */
  readonly texture: TextureSource;
}

/**
 * Light wrap, over an image or video background: the background's light spilling onto the
 * person's edge, prepared at low resolution for the composite to read once per pixel. The
 * light comes from a tiny copy of the background whose bilinear upscale is its blurred light:
 * a high mip level would do the same, but mipmapped sampling is slow under software WebGL.
 * A video's copy is redrawn into the same canvas and texture for each new frame.
 */
export class LightWrapStage {
  private readonly filter = new LightWrapFilter();
  private readonly target = RenderTexture.create({ width: 1, height: 1 });
  private readonly pass: RenderPass;
  private strength = 0;
  /** The background's light, the image or frame it was last drawn from, and that frame's timestamp (µs). */
  private light: { readonly source: ImageSource; readonly canvas: OffscreenCanvas; from: ImageBitmap | VideoFrame; at: number | null } | null = null;

  constructor(renderer: WebGLRenderer) {
    this.pass = new RenderPass(renderer, [this.filter]);
  }

  /** Every filter this stage draws with. */
  get filters(): readonly Filter[] {
    return [this.filter];
  }

  /**
   * The background to take the light from (an image, a video's newest frame, or null when there
   * is none) and the strength, 0..1 (0: off). The light is redrawn only when `background` changed,
   * and for a video's frames at most every `VIDEO_LIGHT_INTERVAL_US` of its time.
   */
  configure(background: ImageBitmap | VideoFrame | null, strength: number): void {
    this.strength = strength;
    if (!background || strength <= 0) return this.release();
    if (this.light?.from === background) return;
    const [width, height] = 'displayWidth' in background ? lightSize(background.displayWidth, background.displayHeight) : lightSize(background.width, background.height);
    const at = 'timestamp' in background ? background.timestamp : null;
    if (!this.light) {
      const canvas = new OffscreenCanvas(width, height);
      this.light = { source: new ImageSource({ resource: canvas }), canvas, from: background, at };
    } else if (this.light.canvas.width !== width || this.light.canvas.height !== height) {
      this.light.canvas.width = width;
      this.light.canvas.height = height;
      this.light.source.resize(width, height);
    } else if (at !== null && this.light.at !== null && Math.abs(at - this.light.at) < VIDEO_LIGHT_INTERVAL_US) {
      return;
    }
    this.light.from = background;
    this.light.at = at;
    const context = this.light.canvas.getContext('2d');
    if (!context) throw new Error('no 2D context for the light-wrap copy');
    context.imageSmoothingQuality = 'high';
    context.clearRect(0, 0, width, height); // an image with transparency must not keep the last one's light
    context.drawImage(background, 0, 0, width, height);
    this.light.source.update();
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

  private release(): void {
    if (!this.light) return;
    this.filter.clear(); // unbind before destroying
    this.light.source.destroy();
    this.light = null;
  }
}
