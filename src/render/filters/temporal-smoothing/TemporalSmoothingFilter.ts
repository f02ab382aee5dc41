import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './temporal-smoothing.frag?raw';

export interface TemporalSmoothingFilterOptions {
  /** Weight of the new mask where neither frame nor mask changed (0..1). */
  minWeight: number;
  /** Weight added per unit of luma change (0..1) above `motionFloor` between two steps. */
  motionGain: number;
  /** Luma change taken as camera noise, not motion. */
  motionFloor: number;
  /** Weight added per unit of mask change above `changeFloor`. */
  changeGain: number;
  /** Mask change taken as model jitter, not movement. */
  changeFloor: number;
}

/**
 * Blends a new mask into the smoothed one, motion-adaptively. Draw the camera frame at
 * mask size through it into a float state target; the previous state is `previous`.
 */
export class TemporalSmoothingFilter extends Filter {
  static readonly DEFAULT_OPTIONS: TemporalSmoothingFilterOptions = {
    minWeight: 0.1,
    motionGain: 10,
    motionFloor: 0.02,
    changeGain: 2,
    changeFloor: 0.4,
  };

  constructor(options: Partial<TemporalSmoothingFilterOptions> = {}) {
    const { minWeight, motionGain, motionFloor, changeGain, changeFloor } = { ...TemporalSmoothingFilter.DEFAULT_OPTIONS, ...options };
    super({
      glProgram: frameProgram('temporal-smoothing-filter', fragment),
      blendMode: 'none', // data, not colour: written as is

      resources: {
        uGuide: Texture.EMPTY.source,
        uMask: Texture.EMPTY.source,
        uPrevious: Texture.EMPTY.source,
        temporalUniforms: new UniformGroup({
          uReset: { value: 1, type: 'f32' },
          uMinWeight: { value: minWeight, type: 'f32' },
          uMotionGain: { value: motionGain, type: 'f32' },
          uMotionFloor: { value: motionFloor, type: 'f32' },
          uChangeGain: { value: changeGain, type: 'f32' },
          uChangeFloor: { value: changeFloor, type: 'f32' },
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

  setWeights({ minWeight, motionGain, motionFloor, changeGain, changeFloor }: TemporalSmoothingFilterOptions): void {
    Object.assign(this.resources['temporalUniforms'].uniforms, {
      uMinWeight: minWeight,
      uMotionGain: motionGain,
      uMotionFloor: motionFloor,
      uChangeGain: changeGain,
      uChangeFloor: changeFloor,
    });
  }
}
