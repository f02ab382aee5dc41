import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './guided-coefficients.frag?raw';

export interface GuidedCoefficientsFilterOptions {
  /** The moments pass's output: horizontal means of (I, p, I·p, I·I). */
  moments?: TextureSource;
  /** Box radius in guide pixels, up to 6. */
  radius?: number;
  /** Regularisation, in squared luma units (0..1 scale). */
  eps?: number;
}

export interface GuidedCoefficientsUniforms {
  /** One guide pixel, in uv. */
  uGuideTexel: readonly number[];
  uRadius: number;
  uEps: number;
}

/** Guided filter, pass 2: vertical box means, then the coefficients (a, b) into a float target. */
export class GuidedCoefficientsFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<GuidedCoefficientsFilterOptions> = {
    moments: Texture.EMPTY.source,
    radius: 2,
    eps: 1e-3,
  };

  readonly uniforms: GuidedCoefficientsUniforms;

  constructor(options: GuidedCoefficientsFilterOptions = {}) {
    const { moments, radius, eps } = { ...GuidedCoefficientsFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({
      uGuideTexel: { value: [1, 1], type: 'vec2<f32>' },
      uRadius: { value: radius, type: 'f32' },
      uEps: { value: eps, type: 'f32' },
    });
    super({
      glProgram: frameProgram('guided-coefficients-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: { uMoments: moments, coefficientUniforms: uniforms },
    });
    this.uniforms = uniforms.uniforms;
  }

  /** `eps` is the regularisation, in squared luma units (0..1 scale). */
  configure(moments: TextureSource, width: number, height: number, radius: number, eps: number): void {
    this.resources['uMoments'] = moments;
    this.uniforms.uGuideTexel = [1 / width, 1 / height];
    this.uniforms.uRadius = radius;
    this.uniforms.uEps = eps;
  }
}
