import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';

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

export interface SmoothingUniforms {
  /** 1: no usable history, take the new value as is. */
  uReset: number;
  uMinWeight: number;
  uMotionGain: number;
  uMotionFloor: number;
  uChangeGain: number;
  uChangeFloor: number;
}

/**
 * One motion-adaptive smoothing step into a float state target: blends a new value (`input`,
 * bound to the shader's `inputName` sampler) into the previous state. Run it on an empty
 * container: it reads the guide (`uGuide`, the camera frame at guide size) and its inputs
 * itself. The shader reads `uReset` (1: no history, take the new value) and the weights.
 */
export class SmoothingFilter extends Filter {
  readonly uniforms: SmoothingUniforms;

  constructor(
    name: string,
    fragment: string,
    private readonly inputName: string,
    weights: SmoothingWeights,
  ) {
    const uniforms = new UniformGroup({
      uReset: { value: 1, type: 'f32' },
      uMinWeight: { value: weights.minWeight, type: 'f32' },
      uMotionGain: { value: weights.motionGain, type: 'f32' },
      uMotionFloor: { value: weights.motionFloor, type: 'f32' },
      uChangeGain: { value: weights.changeGain, type: 'f32' },
      uChangeFloor: { value: weights.changeFloor, type: 'f32' },
    });
    super({
      glProgram: frameProgram(name, fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: {
        uGuide: Texture.EMPTY.source,
        [inputName]: Texture.EMPTY.source,
        uPrevious: Texture.EMPTY.source,
        smoothingUniforms: uniforms,
      },
    });
    this.uniforms = uniforms.uniforms;
  }

  set guide(source: TextureSource) {
    this.resources['uGuide'] = source;
  }

  /** Binds one step's inputs. With `reset`, the new value is taken as is. */
  setInputs(input: TextureSource, previous: TextureSource, reset: boolean): void {
    this.resources[this.inputName] = input;
    this.resources['uPrevious'] = previous;
    this.uniforms.uReset = reset ? 1 : 0;
  }

  setWeights({ minWeight, motionGain, motionFloor, changeGain, changeFloor }: SmoothingWeights): void {
    Object.assign(this.uniforms, {
      uMinWeight: minWeight,
      uMotionGain: motionGain,
      uMotionFloor: motionFloor,
      uChangeGain: changeGain,
      uChangeFloor: changeFloor,
    } satisfies Omit<SmoothingUniforms, 'uReset'>);
  }
}
