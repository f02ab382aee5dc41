import { Filter, UniformGroup } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './gaussian-blur.frag?raw';

export interface GaussianBlurFilterOptions {
  /** Blur along x (`horizontal`) or y (`vertical`). */
  direction: 'horizontal' | 'vertical';
  /** Standard deviation in texels of the filter's input; capped at 4 (12-texel radius). */
  sigma?: number;
}

/** A one-direction Gaussian pass; chain a horizontal and a vertical one for a 2-D blur. */
export class GaussianBlurFilter extends Filter {
  static readonly DEFAULT_OPTIONS = { sigma: 2 } as const;

  constructor(options: GaussianBlurFilterOptions) {
    const { direction, sigma } = { ...GaussianBlurFilter.DEFAULT_OPTIONS, ...options };
    super({
      glProgram: frameProgram('gaussian-blur-filter', fragment),
      resources: {
        blurUniforms: new UniformGroup({
          uDirection: { value: direction === 'horizontal' ? [1, 0] : [0, 1], type: 'vec2<f32>' },
          uSigma: { value: sigma, type: 'f32' },
        }),
      },
    });
  }

  get sigma(): number {
    return this.resources['blurUniforms'].uniforms.uSigma;
  }

  set sigma(value: number) {
    this.resources['blurUniforms'].uniforms.uSigma = Math.min(Math.max(value, 0.01), 4);
  }
}
