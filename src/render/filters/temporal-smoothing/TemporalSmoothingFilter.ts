import { SmoothingFilter, type SmoothingWeights } from './smoothing-filter.js';
import fragment from './temporal-smoothing.frag?raw';

/** Blends a new mask (`uMask`) into the smoothed one, motion-adaptively (see `SmoothingFilter`). */
export class TemporalSmoothingFilter extends SmoothingFilter {
  static readonly DEFAULT_OPTIONS: Readonly<SmoothingWeights> = {
    minWeight: 0.1,
    motionGain: 10,
    motionFloor: 0.02,
    changeGain: 2,
    changeFloor: 0.4,
  };

  constructor(options: Partial<SmoothingWeights> = {}) {
    super('temporal-smoothing-filter', fragment, 'uMask', { ...TemporalSmoothingFilter.DEFAULT_OPTIONS, ...options });
  }
}
