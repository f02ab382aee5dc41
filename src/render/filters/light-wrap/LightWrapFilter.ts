import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './light-wrap.frag?raw';

export interface LightWrapFilterOptions {
  /** Person probability (.r), over the frame. */
  mask?: TextureSource;
  /** The background image shrunk to a few texels. */
  imageLight?: TextureSource;
  /** Frame uv to image uv: `[scaleX, scaleY, offsetX, offsetY]`, as in the composite. */
  imageTransform?: readonly [number, number, number, number];
  /** How far inside the person the wrap reaches, in uv. */
  reach?: readonly [number, number];
}

export interface LightWrapUniforms {
  uImageTransform: readonly number[];
  uReach: readonly number[];
}

/**
 * Renders, at low resolution, the light the background image spills onto the person's
 * edge (rgb) and how strongly it applies there (a), for the composite to read once per
 * pixel. Run it on an empty container: it reads the mask and the image's light itself.
 */
export class LightWrapFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<LightWrapFilterOptions> = {
    mask: Texture.EMPTY.source,
    imageLight: Texture.EMPTY.source,
    imageTransform: [1, 1, 0, 0],
    reach: [0.02, 0.02],
  };

  readonly uniforms: LightWrapUniforms;

  constructor(options: LightWrapFilterOptions = {}) {
    const { mask, imageLight, imageTransform, reach } = { ...LightWrapFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({
      uImageTransform: { value: [...imageTransform], type: 'vec4<f32>' },
      uReach: { value: [...reach], type: 'vec2<f32>' },
    });
    super({
      glProgram: frameProgram('light-wrap-filter', fragment),
      resources: { uMask: mask, uImageLight: imageLight, lightWrapUniforms: uniforms },
    });
    this.uniforms = uniforms.uniforms;
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  /** The image's few-texel copy, where it lies over the frame (`transform`: frame uv to image uv), and the reach in uv. */
  set(light: TextureSource, transform: readonly [number, number, number, number], reach: readonly [number, number]): void {
    this.resources['uImageLight'] = light;
    this.uniforms.uImageTransform = [...transform];
    this.uniforms.uReach = [...reach];
  }

  /** Lets go of the image's light (before it is destroyed). */
  clear(): void {
    this.resources['uImageLight'] = Texture.EMPTY.source;
  }
}
