import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './temporal-smoothing.frag?raw';

export interface TemporalSmoothingFilterOptions {
  /** Weight of the new mask where neither frame nor mask changed (0..1). */
  minWeight?: number;
  /** Weight added per unit of luma change between the frames of two steps. */
  motionGain?: number;
  /** Weight added per unit of squared mask change. */
  changeGain?: number;
}

/**
 * Blends a new mask into the smoothed one, motion-adaptively. Draw the camera frame at
 * mask size through it into a float state target; the previous state is `previous`.
 */
export class TemporalSmoothingFilter extends Filter {
  static readonly DEFAULT_OPTIONS = { minWeight: 0.3, motionGain: 10, changeGain: 4 } as const;

  constructor(options: TemporalSmoothingFilterOptions = {}) {
    const { minWeight, motionGain, changeGain } = { ...TemporalSmoothingFilter.DEFAULT_OPTIONS, ...options };
    super({
      glProgram: frameProgram('temporal-smoothing-filter', fragment),
      blendMode: 'none', // data, not colour: written as is

      resources: {
        uMask: Texture.EMPTY.source,
        uPrevious: Texture.EMPTY.source,
        temporalUniforms: new UniformGroup({
          uReset: { value: 1, type: 'f32' },
          uMinWeight: { value: minWeight, type: 'f32' },
          uMotionGain: { value: motionGain, type: 'f32' },
          uChangeGain: { value: changeGain, type: 'f32' },
        }),
      },
    });
  }

  /** Binds the inputs of one step. With `reset`, the new mask is taken as is. */
  setInputs(mask: TextureSource, previous: TextureSource, reset: boolean): void {
    this.resources['uMask'] = mask;
    this.resources['uPrevious'] = previous;
    this.resources['temporalUniforms'].uniforms.uReset = reset ? 1 : 0;
  }
}
