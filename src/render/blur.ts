import { type Filter, RenderTexture, type TextureSource, type WebGLRenderer } from 'pixi.js';
import type { Effect } from '../shared/effect.js';
import { BASE_BLUR_SIGMA_720 } from './effect.js';
import { BackgroundWeightFilter } from './filters/background-weight/index.js';
import { GaussianBlurFilter } from './filters/gaussian-blur/index.js';
import { destroyFilter, RenderPass } from './render-pass.js';

/** Texels of blur sigma wanted on the downscaled copy; the scale is picked to reach it. */
const TARGET_SMALL_SIGMA = 1;
/** Never blur at full size: a full-size pass is the dearest step on software WebGL. */
const MIN_DOWNSCALE = 2;
const MAX_DOWNSCALE = 8;

/** The blur `effect` puts under its other layers, as sigma in px at 720p; 0 for none. */
function blurSigma720(effect: Effect): number {
  if (effect.kind === 'blur') return effect.sigma720;
  if (effect.kind === 'color') return effect.rgba[3] < 1 ? BASE_BLUR_SIGMA_720 : 0;
  if (effect.kind === 'image' || effect.kind === 'video') return effect.fit === 'contain' ? BASE_BLUR_SIGMA_720 : 0;
  return 0;
}

/**
 * The blurred room: the frame, weighted by background-ness, downscaled 2-8x to a target
 * sized for the wanted sigma and Gaussian-blurred there. The composite divides the weight
 * back out (normalised convolution), so the person's colours do not bleed into the room.
 */
export class BlurStage {
  private readonly weightFilter: BackgroundWeightFilter;
  private readonly blurX = new GaussianBlurFilter({ direction: 'horizontal' });
  private readonly blurY = new GaussianBlurFilter({ direction: 'vertical' });
  private readonly target = RenderTexture.create({ width: 1, height: 1 });
  private readonly pass: RenderPass;
  private sigma720 = 0;

  /** `camera`: the full-size frame, which the weight filter reads and shrinks itself. */
  constructor(renderer: WebGLRenderer, camera: TextureSource) {
    this.weightFilter = new BackgroundWeightFilter({ camera });
    this.pass = new RenderPass(renderer, [this.weightFilter, this.blurX, this.blurY]);
  }

  /** Every filter this stage draws with. */
  get filters(): readonly Filter[] {
    return [this.weightFilter, this.blurX, this.blurY];
  }

  /** Takes the blur strength from the effect; takes effect on the next `render`. */
  configure(effect: Effect): void {
    this.sigma720 = blurSigma720(effect);
  }

  /**
   * Blurs the current frame with `mask`'s person kept out. Returns the blurred room
   * (premultiplied by background weight), or null when the effect needs no blur.
   */
  render(mask: TextureSource, width: number, height: number): TextureSource | null {
    if (this.sigma720 <= 0) return null;
    const sigma = (this.sigma720 * height) / 720;
    const downscale = Math.min(Math.max(Math.round(sigma / TARGET_SMALL_SIGMA), MIN_DOWNSCALE), MAX_DOWNSCALE);
    const smallWidth = Math.max(1, Math.round(width / downscale));
    const smallHeight = Math.max(1, Math.round(height / downscale));
    if (this.target.width !== smallWidth || this.target.height !== smallHeight) this.target.resize(smallWidth, smallHeight);
    this.blurX.sigma = this.blurY.sigma = sigma / downscale;
    this.weightFilter.mask = mask;
    this.weightFilter.setFootprint(downscale, width, height);
    this.pass.render(this.target);
    return this.target.source;
  }

  destroy(): void {
    for (const filter of this.filters) destroyFilter(filter);
    this.pass.destroy();
    this.target.destroy(true);
  }
}
