import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './box-mean.frag?raw';

export interface BoxMeanFilterOptions {
  direction: 'horizontal' | 'vertical';
}

/** A one-direction box mean of `source` (a data texture), written as is into the target. */
export class BoxMeanFilter extends Filter {
  private readonly direction: readonly [number, number];

  constructor({ direction }: BoxMeanFilterOptions) {
    super({
      glProgram: frameProgram('box-mean-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uSource: Texture.EMPTY.source,
        boxUniforms: new UniformGroup({
          uStep: { value: [0, 0], type: 'vec2<f32>' },
          uRadius: { value: 2, type: 'f32' },
        }),
      },
    });
    this.direction = direction === 'horizontal' ? [1, 0] : [0, 1];
  }

  /** `radius` in source texels (up to 6). */
  configure(source: TextureSource, radius: number): void {
    this.resources['uSource'] = source;
    const uniforms = this.resources['boxUniforms'].uniforms;
    uniforms.uStep = [this.direction[0] / source.width, this.direction[1] / source.height];
    uniforms.uRadius = radius;
  }
}
