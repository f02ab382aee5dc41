import { SmoothingFilter, TemporalSmoothingFilter, type SmoothingWeights } from '../temporal-smoothing/index.js';
import fragment from './coefficient-smoothing.frag?raw';

/**
 * Blends new guided-filter coefficients (`uCoefficients`) into the previous ones,
 * motion-adaptively, with the same weighting as the mask's temporal smoothing.
 */
export class CoefficientSmoothingFilter extends SmoothingFilter {
  /** The mask smoothing's weights, but taking more of each new step where nothing moves. */
  static readonly DEFAULT_OPTIONS: Readonly<SmoothingWeights> = { ...TemporalSmoothingFilter.DEFAULT_OPTIONS, minWeight: 0.3 };

  constructor(options: Partial<SmoothingWeights> = {}) {
    super('coefficient-smoothing-filter', fragment, 'uCoefficients', { ...CoefficientSmoothingFilter.DEFAULT_OPTIONS, ...options });
  }
}
