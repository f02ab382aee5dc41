import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './guided-coefficients.frag?raw';

/** Guided filter, pass 2: vertical box means, then the coefficients (a, b) into a float target. */
export class GuidedCoefficientsFilter extends Filter {
  constructor() {
    super({
      glProgram: frameProgram('guided-coefficients-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uMoments: Texture.EMPTY.source,
        coefficientUniforms: new UniformGroup({
          uGuideTexel: { value: [1, 1], type: 'vec2<f32>' },
          uRadius: { value: 2, type: 'f32' },
          uEps: { value: 1e-3, type: 'f32' },
        }),
      },
    });
  }

  /** `eps` is the regularisation, in squared luma units (0..1 scale). */
  configure(moments: TextureSource, width: number, height: number, radius: number, eps: number): void {
    this.resources['uMoments'] = moments;
    const uniforms = this.resources['coefficientUniforms'].uniforms;
    uniforms.uGuideTexel = [1 / width, 1 / height];
    uniforms.uRadius = radius;
    uniforms.uEps = eps;
  }
}
