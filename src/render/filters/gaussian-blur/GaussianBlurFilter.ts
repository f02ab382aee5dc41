import { Filter, UniformGroup } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './gaussian-blur.frag?raw';

export interface GaussianBlurFilterOptions {
  /** Blur along x (`horizontal`) or y (`vertical`). */
  direction?: 'horizontal' | 'vertical';
  /** Standard deviation in texels of the filter's input; capped at 4 (12-texel radius). */
  sigma?: number;
}

export interface GaussianBlurUniforms {
  uDirection: readonly number[];
  /** Tap pairs on each side of the centre. */
  uPairs: number;
  /** [0]: the centre's weight; [k]: pair k's, on each side. */
  uWeights: Float32Array;
  /** [k]: pair k's offset, in texels. */
  uOffsets: Float32Array;
}

const MAX_SIGMA = 4;
/** Pairs of taps the shader holds (a 12-texel radius); its arrays are one longer, for the centre. */
const MAX_PAIRS = 6;

/**
 * A Gaussian of `sigma` texels as the shader reads it: the centre weight, then per pair of
 * neighbouring taps (2k−1, 2k) one bilinear read at their weighted mean offset carrying both
 * weights. Weights are normalised so the whole kernel sums to 1.
 */
export function gaussianPairs(sigma: number): { pairs: number; weights: Float32Array; offsets: Float32Array } {
  const radius = Math.min(Math.ceil(3 * sigma), 2 * MAX_PAIRS);
  const weight = (x: number) => (x > radius ? 0 : Math.exp((-x * x) / (2 * sigma * sigma)));
  const pairs = Math.ceil(radius / 2);
  const weights = new Float32Array(MAX_PAIRS + 1);
  const offsets = new Float32Array(MAX_PAIRS + 1);
  weights[0] = 1;
  for (let k = 1; k <= pairs; k++) {
    const [near, far] = [weight(2 * k - 1), weight(2 * k)];
    weights[k] = near + far;
    offsets[k] = (near * (2 * k - 1) + far * 2 * k) / (near + far);
  }
  // The centre is read once, each pair on both sides.
  const total = weights.reduce((sum, pairWeight, k) => sum + (k === 0 ? pairWeight : 2 * pairWeight), 0);
  return { pairs, weights: weights.map((weight) => weight / total), offsets };
}

/** A one-direction Gaussian pass; chain a horizontal and a vertical one for a 2-D blur. */
export class GaussianBlurFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<GaussianBlurFilterOptions> = { direction: 'horizontal', sigma: 2 };

  readonly uniforms: GaussianBlurUniforms;
  private currentSigma = 0;

  constructor(options: GaussianBlurFilterOptions = {}) {
    const { direction, sigma } = { ...GaussianBlurFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({
      uDirection: { value: direction === 'horizontal' ? [1, 0] : [0, 1], type: 'vec2<f32>' },
      uPairs: { value: 0, type: 'i32' },
      uWeights: { value: new Float32Array(MAX_PAIRS + 1), type: 'f32', size: MAX_PAIRS + 1 },
      uOffsets: { value: new Float32Array(MAX_PAIRS + 1), type: 'f32', size: MAX_PAIRS + 1 },
    });
    super({ glProgram: frameProgram('gaussian-blur-filter', fragment), resources: { blurUniforms: uniforms } });
    this.uniforms = uniforms.uniforms;
    this.sigma = sigma;
  }

  get sigma(): number {
    return this.currentSigma;
  }

  set sigma(value: number) {
    const sigma = Math.min(Math.max(value, 0.01), MAX_SIGMA);
    if (sigma === this.currentSigma) return;
    this.currentSigma = sigma;
    const { pairs, weights, offsets } = gaussianPairs(sigma);
    this.uniforms.uPairs = pairs;
    this.uniforms.uWeights = weights;
    this.uniforms.uOffsets = offsets;
  }
}
