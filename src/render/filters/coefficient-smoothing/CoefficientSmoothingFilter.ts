import { Filter, Texture, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import { setSmoothingWeights, smoothingUniforms, TemporalSmoothingFilter, type SmoothingWeights } from '../temporal-smoothing/index.js';
import fragment from './coefficient-smoothing.frag?raw';

/**
 * Blends new guided-filter coefficients into the previous ones, motion-adaptively (the same
 * weighting as the mask's temporal smoothing), into a float state target. Run it on an
 * empty container: it reads the guide (`uGuide`) and its inputs itself.
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
        coefficientSmoothingUniforms: smoothingUniforms({ ...TemporalSmoothingFilter.DEFAULT_OPTIONS, minWeight: 0.3 }),
      },
    });
  }

  /** Binds one step's inputs. With `reset`, the new coefficients are taken as they are. */
  setInputs(coefficients: TextureSource, previous: TextureSource, reset: boolean): void {
    this.resources['uCoefficients'] = coefficients;
    this.resources['uPrevious'] = previous;
    this.resources['coefficientSmoothingUniforms'].uniforms.uReset = reset ? 1 : 0;
  }

  setWeights(weights: SmoothingWeights): void {
    setSmoothingWeights(this.resources['coefficientSmoothingUniforms'], weights);
  }
}
