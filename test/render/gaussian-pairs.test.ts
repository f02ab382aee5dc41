import { expect } from '@open-wc/testing';
import { gaussianPairs } from '../../src/render/filters/gaussian-blur/GaussianBlurFilter.js';

/**
 * The blur shader reads each pair of neighbouring taps as one bilinear read between them.
 * Applied to a unit impulse, that must give the same kernel as reading every tap.
 */
describe('gaussianPairs', () => {
  /** What the shader's reads give at distance `x` from a unit impulse, with bilinear filtering. */
  function effectiveKernel(sigma: number, extent: number): number[] {
    const { pairs, weights, offsets } = gaussianPairs(sigma);
    const kernel = new Array<number>(2 * extent + 1).fill(0);
    const read = (at: number, weight: number) => {
      const low = Math.floor(at);
      kernel[low + extent]! += weight * (1 - (at - low));
      if (at > low) kernel[low + 1 + extent]! += weight * (at - low);
    };
    read(0, weights[0]!);
    for (let k = 1; k <= pairs; k++) {
      read(offsets[k]!, weights[k]!);
      read(-offsets[k]!, weights[k]!);
    }
    return kernel;
  }

  for (const sigma of [0.5, 1, 1.33, 2, 4]) {
    it(`matches a direct Gaussian of sigma ${sigma}`, () => {
      const extent = 12;
      const radius = Math.min(Math.ceil(3 * sigma), 12);
      const direct = Array.from({ length: 2 * extent + 1 }, (_, i) => (Math.abs(i - extent) > radius ? 0 : Math.exp(-((i - extent) ** 2) / (2 * sigma * sigma))));
      const total = direct.reduce((a, b) => a + b, 0);
      const kernel = effectiveKernel(sigma, extent);
      expect(kernel.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-5);
      kernel.forEach((value, i) => expect(value, `tap ${i - extent}`).to.be.closeTo(direct[i]! / total, 1e-5));
    });
  }
});
