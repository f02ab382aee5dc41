import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './coefficient-smoothing.frag?raw';

export interface CoefficientWeights {
  /** Weight of the new coefficients where the frame did not change (0..1). */
  minWeight: number;
  /** Weight added per unit of luma change (0..1) above `motionFloor`. */
  motionGain: number;
  /** Luma change taken as camera noise, not motion. */
  motionFloor: number;
  /** Weight added per unit of alpha change above `changeFloor`. */
  changeGain: number;
  /** Alpha change taken as jitter, not movement. */
  changeFloor: number;
}

/**
 * Blends new guided-filter coefficients into the previous ones, motion-adaptively. Draw the
 * camera frame at guide size through it into a float state target.
 */
export class CoefficientSmoothingFilter extends Filter {
  constructor() {
    super({
      glProgram: frameProgram('coefficient-smoothing-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uGuide: Texture.EMPTY.source,
        uCoefficients: Texture.EMPTY.source,
        uPrevious: Texture.EMPTY.source,
        coefficientSmoothingUniforms: new UniformGroup({
          uReset: { value: 1, type: 'f32' },
          uMinWeight: { value: 0.3, type: 'f32' },
          uMotionGain: { value: 10, type: 'f32' },
          uMotionFloor: { value: 0.02, type: 'f32' },
          uChangeGain: { value: 2, type: 'f32' },
          uChangeFloor: { value: 0.4, type: 'f32' },
        }),
      },
    });
  }

  /** Binds one step's inputs. With `reset`, the new coefficients are taken as they are. */
  setInputs(coefficients: TextureSource, previous: TextureSource, reset: boolean, weights: CoefficientWeights): void {
    this.resources['uCoefficients'] = coefficients;
    this.resources['uPrevious'] = previous;
    Object.assign(this.resources['coefficientSmoothingUniforms'].uniforms, {
      uReset: reset ? 1 : 0,
      uMinWeight: weights.minWeight,
      uMotionGain: weights.motionGain,
      uMotionFloor: weights.motionFloor,
      uChangeGain: weights.changeGain,
      uChangeFloor: weights.changeFloor,
    });
  }
}
