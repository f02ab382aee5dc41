import { Filter, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import type { Rgba } from '../../../shared/effect.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './composite.frag?raw';

export interface CompositeFilterOptions {
  camera: TextureSource;
  mask: TextureSource;
  blurred: TextureSource;
}

/**
 * Puts the camera's person over the chosen background in a single full-size pass.
 * Layers, bottom up: blurred room (`useBlur`), `color`, `image`. The matte is the mask, or
 * the guided filter's alpha when `setCoefficients` has been given its (a, b) texture.
 */
export class CompositeFilter extends Filter {
  constructor({ camera, mask, blurred }: CompositeFilterOptions) {
    super({
      glProgram: frameProgram('composite-filter', fragment),
      resources: {
        uCamera: camera,
        uMask: mask,
        uBlurred: blurred,
        uImage: Texture.EMPTY.source,
        uWrap: Texture.EMPTY.source,
        uCoefficients: Texture.EMPTY.source,
        compositeUniforms: new UniformGroup({
          uUseBlur: { value: 0, type: 'f32' },
          uColor: { value: [0, 0, 0, 0], type: 'vec4<f32>' },
          uUseImage: { value: 0, type: 'f32' },
          uImageTransform: { value: [1, 1, 0, 0], type: 'vec4<f32>' },
          uRefine: { value: 0, type: 'f32' },
          uLightWrap: { value: 0, type: 'f32' },
          uDebugMatte: { value: 0, type: 'f32' },
        }),
      },
    });
  }

  private get uniforms() {
    return this.resources['compositeUniforms'].uniforms;
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  set useBlur(on: boolean) {
    this.uniforms.uUseBlur = on ? 1 : 0;
  }

  set color(rgba: Rgba) {
    this.uniforms.uColor = [...rgba];
  }

  /** Light wrap strength (0 = off), and the light-wrap filter's output to read it from. */
  setLightWrap(strength: number, wrap: TextureSource | null): void {
    this.uniforms.uLightWrap = wrap ? strength : 0;
    this.resources['uWrap'] = wrap ?? Texture.EMPTY.source;
  }

  /** Draws the matte as grey instead of the composite (evaluation and tests only). */
  set debugMatte(on: boolean) {
    this.uniforms.uDebugMatte = on ? 1 : 0;
  }

  /** Guided-filter coefficients (a, b) to build the matte from, or `null` to use the mask as is. */
  setCoefficients(coefficients: TextureSource | null): void {
    this.resources['uCoefficients'] = coefficients ?? Texture.EMPTY.source;
    this.uniforms.uRefine = coefficients ? 1 : 0;
  }

  /** Sets the image layer, or removes it with `null`. `transform` maps frame uv to image uv. */
  setImage(image: TextureSource | null, transform: readonly [number, number, number, number] = [1, 1, 0, 0]): void {
    this.resources['uImage'] = image ?? Texture.EMPTY.source;
    this.uniforms.uUseImage = image ? 1 : 0;
    this.uniforms.uImageTransform = [...transform];
  }
}
