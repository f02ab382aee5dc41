import { Filter, Texture, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import { setSmoothingWeights, smoothingUniforms, type SmoothingWeights } from './smoothing-weights.js';
import fragment from './temporal-smoothing.frag?raw';

/**
 * Blends a new mask into the smoothed one, motion-adaptively, into a float state target;
 * the previous state is `previous`. Run it on an empty container: it reads the guide
 * (`uGuide`, the camera frame at guide size) and its inputs itself.
 */
export class TemporalSmoothingFilter extends Filter {
  static readonly DEFAULT_OPTIONS: SmoothingWeights = {
    minWeight: 0.1,
    motionGain: 10,
    motionFloor: 0.02,
    changeGain: 2,
    changeFloor: 0.4,
  };

  constructor(options: Partial<SmoothingWeights> = {}) {
    super({
      glProgram: frameProgram('temporal-smoothing-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uGuide: Texture.EMPTY.source,
        uMask: Texture.EMPTY.source,
        uPrevious: Texture.EMPTY.source,
        temporalUniforms: smoothingUniforms({ ...TemporalSmoothingFilter.DEFAULT_OPTIONS, ...options }),
      },
    });
  }

  /** Binds the inputs of one step. With `reset`, the new mask is taken as is. */
  setInputs(mask: TextureSource, previous: TextureSource, reset: boolean): void {
    this.resources['uMask'] = mask;
    this.resources['uPrevious'] = previous;
    this.resources['temporalUniforms'].uniforms.uReset = reset ? 1 : 0;
  }

  setWeights(weights: SmoothingWeights): void {
    setSmoothingWeights(this.resources['temporalUniforms'], weights);
  }
}
