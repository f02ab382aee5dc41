import { type Filter, ImageSource, type TextureSource, type WebGLRenderer } from 'pixi.js';
import type { Effect, Rgba } from '../shared/effect.js';
import { CompositeFilter } from './filters/composite/index.js';
import type { LightWrap } from './light-wrap.js';
import { destroyFilter, RenderPass } from './render-pass.js';
import { assertProgramsLink } from './shader-check.js';

const NO_COLOR: Rgba = [0, 0, 0, 0];

/** One frame's inputs from the stages before the composite. */
export interface CompositeInputs {
  /** Person probability (.r), stretched over the frame. */
  readonly mask: TextureSource;
  /** Guided-filter coefficients (a, b) to build the matte from; null: the mask as is. */
  readonly coefficients: TextureSource | null;
  /** The blur stage's output, or null when the room is not blurred. */
  readonly blurred: TextureSource | null;
  /** Frame uv to image uv, when the effect has an image layer. */
  readonly imageTransform: readonly [number, number, number, number] | null;
  readonly lightWrap: LightWrap | null;
}

/**
 * The one full-size pass: builds the matte and puts the person over the background,
 * whose layers are, bottom up, blurred room, colour and image (a still, or a video's newest frame).
 * Draws on the canvas.
 */
export class CompositeStage {
  private readonly filter: CompositeFilter;
  private readonly pass: RenderPass;
  /** The image layer's texture, and what it shows: an image, or `video` (frames swapped in by `setVideoFrame`). */
  private layer: { readonly source: ImageSource; readonly of: ImageBitmap | 'video' } | null = null;

  /** `camera`: the full-size frame, which the composite reads itself. */
  constructor(
    private readonly renderer: WebGLRenderer,
    camera: TextureSource,
  ) {
    this.filter = new CompositeFilter({ camera });
    this.pass = new RenderPass(renderer, [this.filter]);
  }

  /** Every filter this stage draws with. */
  get filters(): readonly Filter[] {
    return [this.filter];
  }

  /**
   * Takes the colour and image layers from the effect; take effect on the next `render`. A
   * video effect keeps one texture for all its frames (see `setVideoFrame`).
   */
  configure(effect: Effect): void {
    this.filter.color = effect.kind === 'color' ? effect.rgba : NO_COLOR;
    const of = effect.kind === 'image' ? effect.image : effect.kind === 'video' ? 'video' : null;
    if (this.layer && this.layer.of !== of) {
      this.filter.setImage(null); // unbind before destroying
      this.layer.source.destroy();
      this.layer = null;
    }
    if (of === 'video') this.layer ??= { source: new ImageSource({ resource: new OffscreenCanvas(1, 1), width: 1, height: 1 }), of };
    else if (of) this.layer ??= { source: new ImageSource({ resource: of }), of };
  }

  /**
   * Shows `frame` in the video layer from the next `render`, which uploads it into the same
   * texture. The caller keeps `frame` open until it has been replaced and drawn.
   */
  setVideoFrame(frame: VideoFrame): void {
    const source = this.layer?.of === 'video' ? this.layer.source : null;
    if (!source) return;
    source.resource = frame;
    if (source.width !== frame.displayWidth || source.height !== frame.displayHeight) source.resize(frame.displayWidth, frame.displayHeight);
    source.update();
  }

  /** Evaluation only: draw the matte (person alpha) as grey instead of the composite. */
  set debugMatte(on: boolean) {
    this.filter.debugMatte = on;
    // Its own program variant, compiled now: fail loudly here rather than draw nothing.
    if (on) assertProgramsLink(this.renderer, [this.filter.glProgram]);
  }

  /** Draws the composite over the whole canvas. */
  render({ mask, coefficients, blurred, imageTransform, lightWrap }: CompositeInputs): void {
    const filter = this.filter;
    filter.mask = mask;
    filter.setCoefficients(coefficients);
    filter.setBlurred(blurred);
    if (this.layer && imageTransform) {
      filter.setImage(this.layer.source, imageTransform);
      filter.setLightWrap(lightWrap?.strength ?? 0, lightWrap?.texture ?? null);
    } else {
      filter.setImage(null);
      filter.setLightWrap(0, null);
    }
    this.pass.render();
  }

  destroy(): void {
    destroyFilter(this.filter);
    this.pass.destroy();
    this.layer?.source.destroy();
  }
}
