import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './light-wrap.frag?raw';

/**
 * Renders, at low resolution, the light the background image spills onto the person's
 * edge (rgb) and how strongly it applies there (a), for the composite to read once per
 * pixel. Run it on an empty container: it reads the mask and the image's light itself.
 */
export class LightWrapFilter extends Filter {
  constructor(mask: TextureSource) {
    super({
      glProgram: frameProgram('light-wrap-filter', fragment),
      resources: {
        uMask: mask,
        uImageLight: Texture.EMPTY.source,
        lightWrapUniforms: new UniformGroup({
          uImageTransform: { value: [1, 1, 0, 0], type: 'vec4<f32>' },
          uReach: { value: [0.02, 0.02], type: 'vec2<f32>' },
        }),
      },
    });
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  /** The image's few-texel copy, where it lies over the frame (`transform`: frame uv to image uv), and the reach in uv. */
  set(light: TextureSource, transform: readonly [number, number, number, number], reach: readonly [number, number]): void {
    this.resources['uImageLight'] = light;
    const uniforms = this.resources['lightWrapUniforms'].uniforms;
    uniforms.uImageTransform = [...transform];
    uniforms.uReach = [...reach];
  }

  /** Lets go of the image's light (before it is destroyed). */
  clear(): void {
    this.resources['uImageLight'] = Texture.EMPTY.source;
  }
}
