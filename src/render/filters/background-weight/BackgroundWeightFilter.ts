import { Filter, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './background-weight.frag?raw';

export interface BackgroundWeightFilterOptions {
  /** The camera frame, full size. */
  camera: TextureSource;
  /** Person probability in the red channel, stretched over the frame. */
  mask: TextureSource;
}

/**
 * Shrinks the frame to the blur's target and premultiplies it by its background weight
 * (1 − person), ready for a normalised blur. Run it on an empty container: it reads the
 * camera itself.
 */
export class BackgroundWeightFilter extends Filter {
  constructor({ camera, mask }: BackgroundWeightFilterOptions) {
    super({
      glProgram: frameProgram('background-weight-filter', fragment),
      resources: {
        uCamera: camera,
        uMask: mask,
        weightUniforms: new UniformGroup({ uTapOffset: { value: [0, 0], type: 'vec2<f32>' } }),
      },
    });
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  /** Each output texel covers `downscale` x `downscale` camera pixels of a `width` x `height` frame. */
  setFootprint(downscale: number, width: number, height: number): void {
    this.resources['weightUniforms'].uniforms.uTapOffset = [downscale / 4 / width, downscale / 4 / height];
  }
}
