import { UniformGroup } from 'pixi.js';

/**
 * How much of a new value a motion-adaptive smoothing step takes, per texel:
 * `minWeight + motionGain·max(luma change − motionFloor, 0) + changeGain·max(value change − changeFloor, 0)`,
 * clamped to 0..1. Both the mask smoothing and the guided-coefficient smoothing use it.
 */
export interface SmoothingWeights {
  /** Weight of the new value where neither frame nor value changed (0..1). */
  minWeight: number;
  /** Weight added per unit of luma change (0..1) above `motionFloor` between two steps. */
  motionGain: number;
  /** Luma change taken as camera noise, not motion. */
  motionFloor: number;
  /** Weight added per unit of value change above `changeFloor`. */
  changeGain: number;
  /** Value change taken as jitter, not movement. */
  changeFloor: number;
}

/** The uniforms a smoothing shader reads: the weights, and `uReset` (1: no history, take the new value). */
export function smoothingUniforms(weights: SmoothingWeights): UniformGroup {
  const group = new UniformGroup({
    uReset: { value: 1, type: 'f32' },
    uMinWeight: { value: 0, type: 'f32' },
    uMotionGain: { value: 0, type: 'f32' },
    uMotionFloor: { value: 0, type: 'f32' },
    uChangeGain: { value: 0, type: 'f32' },
    uChangeFloor: { value: 0, type: 'f32' },
  });
  setSmoothingWeights(group, weights);
  return group;
}

export function setSmoothingWeights(group: UniformGroup, { minWeight, motionGain, motionFloor, changeGain, changeFloor }: SmoothingWeights): void {
  Object.assign(group.uniforms, {
    uMinWeight: minWeight,
    uMotionGain: motionGain,
    uMotionFloor: motionFloor,
    uChangeGain: changeGain,
    uChangeFloor: changeFloor,
  });
}
