import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './guided-moments.frag?raw';

export interface GuidedMomentsFilterOptions {
  /** The camera frame at guide size. */
  guide?: TextureSource;
  /** Person probability (.r), over the whole frame. */
  mask?: TextureSource;
  /** Box radius in guide pixels, up to 6. */
  radius?: number;
}

export interface GuidedMomentsUniforms {
  /** One guide pixel, in uv. */
  uGuideTexel: readonly number[];
  uRadius: number;
}

/**
 * Guided filter, pass 1: horizontal box means of (I, p, I·p, I·I), into a float target. Run
 * it on an empty container: it reads the guide (`uGuide`) and the mask itself.
 */
export class GuidedMomentsFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<GuidedMomentsFilterOptions> = {
    guide: Texture.EMPTY.source,
    mask: Texture.EMPTY.source,
    radius: 2,
  };

  readonly uniforms: GuidedMomentsUniforms;

  constructor(options: GuidedMomentsFilterOptions = {}) {
    const { guide, mask, radius } = { ...GuidedMomentsFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({
      uGuideTexel: { value: [1, 1], type: 'vec2<f32>' },
      uRadius: { value: radius, type: 'f32' },
    });
    super({
      glProgram: frameProgram('guided-moments-filter', fragment),
      blendMode: 'none', // data, not colour: written as is
      resources: { uGuide: guide, uMask: mask, momentsUniforms: uniforms },
    });
    this.uniforms = uniforms.uniforms;
  }

  set guide(source: TextureSource) {
    this.resources['uGuide'] = source;
  }

  /** `radius` in guide pixels (up to 6), over a guide `width`x`height`. */
  configure(mask: TextureSource, width: number, height: number, radius: number): void {
    this.resources['uMask'] = mask;
    this.uniforms.uGuideTexel = [1 / width, 1 / height];
    this.uniforms.uRadius = radius;
  }
}
