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
 * whose layers are, bottom up, blurred room, colour and image. Draws on the canvas.
 */
export class CompositeStage {
  private readonly filter: CompositeFilter;
  private readonly pass: RenderPass;
  private image: ImageSource | null = null;

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

  /** Takes the colour and image layers from the effect; take effect on the next `render`. */
  configure(effect: Effect): void {
    this.filter.color = effect.kind === 'color' ? effect.rgba : NO_COLOR;
    const image = effect.kind === 'image' ? effect.image : null;
    if (this.image && this.image.resource !== image) {
      this.filter.setImage(null); // unbind before destroying
      this.image.destroy();
      this.image = null;
    }
    if (image) this.image ??= new ImageSource({ resource: image });
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
    if (this.image && imageTransform) {
      filter.setImage(this.image, imageTransform);
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
    this.image?.destroy();
  }
}
