import { Filter, type GlProgram, Texture, UniformGroup, type TextureSource } from 'pixi.js';
import type { Rgba } from '../../../shared/effect.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './composite.frag?raw';

export interface CompositeFilterOptions {
  /** The camera frame, full size. */
  camera?: TextureSource;
  /** Person probability (.r), stretched over the frame. */
  mask?: TextureSource;
  /** The blur stage's output: background-weighted room, blurred. */
  blurred?: TextureSource;
}

export interface CompositeUniforms {
  uUseBlur: number;
  /** Straight alpha; alpha 0 = no colour layer. */
  uColor: readonly number[];
  uUseImage: number;
  /** Image uv = frame uv * xy + zw. */
  uImageTransform: readonly number[];
  /** 1: alpha from the guided filter's coefficients. */
  uRefine: number;
  uLightWrap: number;
}

/**
 * The program, or its evaluation-only variant that draws the matte as grey. pixi caches
 * programs by source and compiles one on first use, so the variant is only ever built and
 * compiled where `debugMatte` is set.
 */
function program(debugMatte: boolean): GlProgram {
  return debugMatte
    ? frameProgram('composite-debug-matte-filter', `#define DEBUG_MATTE\n${fragment}`)
    : frameProgram('composite-filter', fragment);
}

/**
 * Puts the camera's person over the chosen background in a single full-size pass.
 * Layers, bottom up: blurred room (`setBlurred`), `color`, `image`. The matte is the mask, or
 * the guided filter's alpha when `setCoefficients` has been given its (a, b) texture.
 */
export class CompositeFilter extends Filter {
  static readonly DEFAULT_OPTIONS: Required<CompositeFilterOptions> = {
    camera: Texture.EMPTY.source,
    mask: Texture.EMPTY.source,
    blurred: Texture.EMPTY.source,
  };

  readonly uniforms: CompositeUniforms;

  constructor(options: CompositeFilterOptions = {}) {
    const { camera, mask, blurred } = { ...CompositeFilter.DEFAULT_OPTIONS, ...options };
    const uniforms = new UniformGroup({
      uUseBlur: { value: 0, type: 'f32' },
      uColor: { value: [0, 0, 0, 0], type: 'vec4<f32>' },
      uUseImage: { value: 0, type: 'f32' },
      uImageTransform: { value: [1, 1, 0, 0], type: 'vec4<f32>' },
      uRefine: { value: 0, type: 'f32' },
      uLightWrap: { value: 0, type: 'f32' },
    });
    super({
      glProgram: program(false),
      resources: {
        uCamera: camera,
        uMask: mask,
        uBlurred: blurred,
        uImage: Texture.EMPTY.source,
        uWrap: Texture.EMPTY.source,
        uCoefficients: Texture.EMPTY.source,
        compositeUniforms: uniforms,
      },
    });
    this.uniforms = uniforms.uniforms;
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }

  /** The blur stage's output to lay under the other layers, or `null` for none. */
  setBlurred(blurred: TextureSource | null): void {
    this.resources['uBlurred'] = blurred ?? Texture.EMPTY.source;
    this.uniforms.uUseBlur = blurred ? 1 : 0;
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
    this.glProgram = program(on);
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
