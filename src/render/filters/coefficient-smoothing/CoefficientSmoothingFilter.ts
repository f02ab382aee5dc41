import { SmoothingFilter, TemporalSmoothingFilter } from '../temporal-smoothing/index.js';
import fragment from './coefficient-smoothing.frag?raw';

/**
 * Blends new guided-filter coefficients (`uCoefficients`) into the previous ones,
 * motion-adaptively, with the same weighting as the mask's temporal smoothing.
 */
export class CoefficientSmoothingFilter extends SmoothingFilter {
  constructor() {
    super('coefficient-smoothing-filter', fragment, 'uCoefficients', { ...TemporalSmoothingFilter.DEFAULT_OPTIONS, minWeight: 0.3 });
  }
}
