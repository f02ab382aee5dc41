import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './background-weight.frag?raw';

export interface BackgroundWeightFilterOptions {
  /** The camera frame, full size. */
  camera?: TextureSource;
  /** Person probability in the red channel, stretched over the frame. */
  mask?: TextureSource;
  /** A quarter of one output texel's footprint on the camera, in uv (see `setFootprint`). */
  tapOffset?: readonly [number, number];
}

export interface BackgroundWeightUniforms {
  uTapOffset: readonly number[];
}

/**
 * Shrinks the frame to the blur's target and premultiplies it by its background weight
 * (1 − person), ready for a normalised blur. Run it on an empty container: it reads the
 * camera itself.
 */
export class BackgroundWeightFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<BackgroundWeightFilterOptions> = {
    camera: Texture.EMPTY.source,
    mask: Texture.EMPTY.source,
    tapOffset: [0, 0],
  };

  readonly uniforms: BackgroundWeightUniforms;

  constructor(options: BackgroundWeightFilterOptions = {}) {
    const { camera, mask, tapOffset } = { ...BackgroundWeightFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({ uTapOffset: { value: [...tapOffset], type: 'vec2<f32>' } });
    super({
      glProgram: frameProgram('background-weight-filter', fragment),
      resources: { uCamera: camera, uMask: mask, weightUniforms: uniforms },
    });
    this.uniforms = uniforms.uniforms;
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  /** Each output texel covers `downscale` x `downscale` camera pixels of a `width` x `height` frame. */
  setFootprint(downscale: number, width: number, height: number): void {
    this.uniforms.uTapOffset = [downscale / 4 / width, downscale / 4 / height];
  }
}
