import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './guided-moments.frag?raw';

/**
 * Guided filter, pass 1: horizontal box means of (I, p, I·p, I·I), into a float target. Run
 * it on an empty container: it reads the guide (`uGuide`) and the mask itself.
 */
export class GuidedMomentsFilter extends Filter {
  constructor() {
    super({
      glProgram: frameProgram('guided-moments-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uGuide: Texture.EMPTY.source,
        uMask: Texture.EMPTY.source,
        momentsUniforms: new UniformGroup({
          uGuideTexel: { value: [1, 1], type: 'vec2<f32>' },
          uRadius: { value: 2, type: 'f32' },
        }),
      },
    });
  }

  /** `radius` in guide pixels (up to 6), over a guide `width`x`height`. */
  configure(mask: TextureSource, width: number, height: number, radius: number): void {
    this.resources['uMask'] = mask;
    const uniforms = this.resources['momentsUniforms'].uniforms;
    uniforms.uGuideTexel = [1 / width, 1 / height];
    uniforms.uRadius = radius;
  }
}
