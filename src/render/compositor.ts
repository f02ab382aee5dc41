import {
  BufferImageSource,
  Container,
  type Filter,
  ImageSource,
  Rectangle,
  RenderTexture,
  Sprite,
  Texture,
  WebGLRenderer,
  type TextureSource,
} from 'pixi.js';
// Despite its name, this makes pixi run WITHOUT eval/new Function (it swaps in
// precompiled uniform and buffer sync), so pages with a strict CSP work.
import 'pixi.js/unsafe-eval';
// The one extension set used here (the root import already registers rendering). Importing
// it statically, with skipExtensionImports below, keeps pixi from importing its browser or
// worker environment bundle at run time.
import 'pixi.js/filters';
import type { SegmentationMask } from '../inference/segmenter.js';
import type { Effect } from '../shared/effect.js';
import { BASE_BLUR_SIGMA_720, imageTransform } from './effect.js';
import { BackgroundWeightFilter } from './filters/background-weight/index.js';
import { CompositeFilter } from './filters/composite/index.js';
import { GaussianBlurFilter } from './filters/gaussian-blur/index.js';
import { LightWrapFilter } from './filters/light-wrap/index.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../shared/matte-options.js';
import { MatteStage } from './matte.js';
import { assertProgramsLink } from './shader-check.js';

/** Texels of blur sigma wanted on the downscaled copy; the scale is picked to reach it. */
const TARGET_SMALL_SIGMA = 1;
/** Never blur at full size: each full-size pass costs ~15 ms of CPU at 640x480 on software WebGL. */
const MIN_DOWNSCALE = 2;
const MAX_DOWNSCALE = 8;
/** How far inside the person light wrap reaches, as a fraction of the frame height. */
const WRAP_REACH = 0.025;
/** Width of light wrap's low-resolution target: the wrap is smooth, so ~5 px cells at 640 suffice. */
const WRAP_WIDTH = 128;

/**
 * Draws camera frames with the current effect onto one WebGL2 canvas, using pixi v8.
 *
 * Per frame, only one full-size pass; everything else runs at low resolution:
 * 1. matte (see `MatteStage`): temporal smoothing at mask size, once per new mask, and
 *    the guided filter's edge coefficients at ~160x120;
 * 2. blur (only when the effect needs the room blurred): the frame, weighted by
 *    background-ness, downscaled 2-8x and Gaussian-blurred there;
 * 3. composite: one full-size pass builds the matte and puts the person over the background.
 * With no effect the frame is drawn as is, with no filter at all.
 */
export class Compositor {
  private readonly cameraSource = new ImageSource({ resource: new OffscreenCanvas(1, 1), width: 1, height: 1 });
  private maskSource: BufferImageSource;
  private readonly blurTarget = RenderTexture.create({ width: 1, height: 1 });
  private imageSource: ImageSource | null = null;
  /** The background image shrunk to a few texels: its light, for light wrap. */
  private imageLightSource: ImageSource | null = null;

  private readonly weightFilter: BackgroundWeightFilter;
  private readonly blurX = new GaussianBlurFilter({ direction: 'horizontal' });
  private readonly blurY = new GaussianBlurFilter({ direction: 'vertical' });
  private readonly compositeFilter: CompositeFilter;
  private readonly lightWrapFilter: LightWrapFilter;
  private readonly wrapTarget = RenderTexture.create({ width: 1, height: 1 });
  /** Empty: the light-wrap filter reads the mask and the image's light itself. */
  private readonly wrapStage = new Container();
  private readonly wrapArea = new Rectangle(0, 0, 1, 1);

  private readonly frameSprite: Sprite;
  /** Empty, like the composite's: the weight filter reads and shrinks the camera itself. */
  private readonly blurStage = new Container();
  private readonly blurArea = new Rectangle(0, 0, 1, 1);
  private readonly frameStage = new Container();
  /** Empty: the composite filter reads every layer itself, so pixi's filter input is only a cleared target. */
  private readonly compositeStage = new Container();
  private readonly frameArea = new Rectangle(0, 0, 1, 1);
  private effect: Effect = { kind: 'none' };
  private readonly matte: MatteStage;
  private matteOptions: MatteOptions = DEFAULT_MATTE_OPTIONS;

  private constructor(private readonly renderer: WebGLRenderer) {
    this.maskSource = Compositor.createMaskSource(1, 1);
    // Dynamic: sprites drawing it must re-read its size when the frame size changes, or
    // their bounds (and so every filter's output area) stay at the first frame's size.
    const cameraTexture = new Texture({ source: this.cameraSource, dynamic: true });
    this.matte = new MatteStage(renderer, cameraTexture);
    this.frameSprite = new Sprite(cameraTexture);
    this.frameStage.addChild(this.frameSprite);
    this.weightFilter = new BackgroundWeightFilter({ camera: this.cameraSource, mask: this.maskSource });
    this.compositeFilter = new CompositeFilter({ camera: this.cameraSource, mask: this.maskSource, blurred: this.blurTarget.source });
    this.compositeStage.filters = [this.compositeFilter];
    this.compositeStage.filterArea = this.frameArea;
    this.blurStage.filters = [this.weightFilter, this.blurX, this.blurY];
    this.blurStage.filterArea = this.blurArea;
    this.lightWrapFilter = new LightWrapFilter(this.maskSource);
    this.wrapStage.filters = [this.lightWrapFilter];
    this.wrapStage.filterArea = this.wrapArea;
  }

  /** Creates the WebGL2 renderer on `canvas`. Rejects when WebGL2 is unavailable. */
  static async create(canvas: OffscreenCanvas | HTMLCanvasElement = new OffscreenCanvas(1, 1)): Promise<Compositor> {
    const renderer = new WebGLRenderer();
    await renderer.init({
      canvas,
      skipExtensionImports: true,
      width: 1,
      height: 1,
      antialias: false,
      backgroundAlpha: 1,
      background: 0x000000,
      powerPreference: 'high-performance',
      autoDensity: false,
      resolution: 1,
    });
    const compositor = new Compositor(renderer);
    try {
      assertProgramsLink(renderer, compositor.filters.map((filter) => filter.glProgram));
    } catch (error) {
      compositor.destroy();
      throw error;
    }
    return compositor;
  }

  /** The filters this compositor owns (the matte stage owns its own). */
  private get ownFilters(): Filter[] {
    return [this.weightFilter, this.blurX, this.blurY, this.lightWrapFilter, this.compositeFilter];
  }

  /** Every filter drawn with, in any effect. */
  private get filters(): Filter[] {
    return [...this.ownFilters, ...this.matte.filters];
  }

  /** The canvas frames are drawn on. */
  get canvas(): OffscreenCanvas {
    return this.renderer.canvas as unknown as OffscreenCanvas;
  }

  /** Switches the effect; takes effect on the next `render`. */
  setEffect(effect: Effect): void {
    this.effect = effect;
    this.syncImageSource();
  }

  /** Edge refinement, temporal smoothing and light wrap; take effect on the next `render`. */
  setMatteOptions(options: MatteOptions): void {
    this.matteOptions = options;
    this.matte.setOptions(options);
    this.syncImageSource();
  }

  /**
   * Keeps the background image's textures in step with the effect: the image itself, and
   * for light wrap a tiny copy of it whose bilinear upscale is the image's blurred light.
   * (Sampling a high mip level of the image instead cost the full-size pass 13 ms a frame
   * under software WebGL: mipmapped sampling is slow there.)
   */
  private syncImageSource(): void {
    const effect = this.effect;
    const image = effect.kind === 'image' ? effect.image : null;
    if (this.imageSource && this.imageSource.resource !== image) {
      this.compositeFilter.setImage(null); // unbind before destroying
      this.lightWrapFilter.clear();
      this.imageSource.destroy();
      this.imageSource = null;
      this.imageLightSource?.destroy();
      this.imageLightSource = null;
    }
    if (!image) return;
    this.imageSource ??= new ImageSource({ resource: image });
    if (this.matteOptions.lightWrap > 0) this.imageLightSource ??= new ImageSource({ resource: lightOf(image) });
  }

  /** Evaluation only: draw the matte (person alpha) as grey instead of the composite. */
  set debugMatte(on: boolean) {
    this.compositeFilter.debugMatte = on;
  }

  /** Uploads the newest mask. */
  setMask(mask: SegmentationMask): void {
    if (mask.width !== this.maskSource.width || mask.height !== this.maskSource.height) {
      this.replaceMaskSource(Compositor.createMaskSource(mask.width, mask.height));
    }
    (this.maskSource.resource as Uint8Array).set(mask.data);
    this.maskSource.update();
    this.matte.maskChanged();
  }

  /**
   * Forgets the mask and the smoothing history: until the next `setMask`, everything counts
   * as background (fail closed), and that mask starts the smoothing afresh.
   */
  clearMask(): void {
    (this.maskSource.resource as Uint8Array).fill(0);
    this.maskSource.update();
    this.matte.reset();
  }

  /** True between `webglcontextlost` and pixi's restore; drawing is skipped meanwhile. */
  get contextLost(): boolean {
    return this.renderer.gl.isContextLost();
  }

  /** Draws `frame` with the current effect. Returns the size drawn. */
  render(frame: VideoFrame): { width: number; height: number } {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    if (!width || !height) return { width, height };
    if (this.renderer.width !== width || this.renderer.height !== height) {
      this.renderer.resize(width, height);
    }
    this.cameraSource.resource = frame;
    // Resize now, not at upload mid-render, so sprite sizes below already see the new size.
    if (this.cameraSource.width !== width || this.cameraSource.height !== height) this.cameraSource.resize(width, height);
    this.cameraSource.update();
    this.frameSprite.setSize(width, height);

    const effect = this.effect;
    if (effect.kind === 'none') {
      this.renderer.render({ container: this.frameStage });
      return { width, height };
    }

    const { mask, coefficients } = this.matte.update(this.maskSource, width, height);
    const sigma720 = this.blurSigma720(effect);
    const composite = this.compositeFilter;
    this.weightFilter.mask = mask;
    this.lightWrapFilter.mask = mask;
    composite.mask = mask;
    composite.setCoefficients(coefficients);
    composite.useBlur = sigma720 > 0;
    if (sigma720 > 0) this.renderBlur(width, height, sigma720);
    composite.color = effect.kind === 'color' ? effect.rgba : [0, 0, 0, 0];
    if (effect.kind === 'image' && this.imageSource) {
      const { image, fit } = effect;
      const transform = imageTransform(fit, width, height, image.width, image.height);
      composite.setImage(this.imageSource, transform);
      const lightWrap = this.matteOptions.lightWrap;
      composite.setLightWrap(lightWrap, lightWrap > 0 && this.imageLightSource ? this.renderLightWrap(width, height, transform) : null);
    } else {
      composite.setImage(null);
      composite.setLightWrap(0, null);
    }
    this.frameArea.width = width;
    this.frameArea.height = height;
    this.renderer.render({ container: this.compositeStage });
    return { width, height };
  }

  /** Frees the WebGL context and every texture. The compositor is unusable afterwards. */
  destroy(): void {
    const gl = this.renderer.gl;
    // Users before what they use: filters and sprites, then the textures bound to them.
    // The matte's targets may be bound here: point these back at the mask before they go.
    this.weightFilter.mask = this.compositeFilter.mask = this.lightWrapFilter.mask = this.maskSource;
    this.compositeFilter.setCoefficients(null);
    for (const filter of this.ownFilters) filter.destroy();
    this.matte.destroy();
    this.blurStage.destroy();
    this.wrapStage.destroy();
    this.frameStage.destroy({ children: true });
    this.compositeStage.destroy();
    this.imageSource?.destroy();
    this.imageLightSource?.destroy();
    this.blurTarget.destroy(true);
    this.wrapTarget.destroy(true);
    this.maskSource.destroy();
    this.cameraSource.destroy();
    this.renderer.destroy({ removeView: true });
    // Browsers cap live WebGL contexts; release this one now rather than at GC.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  private blurSigma720(effect: Effect): number {
    if (effect.kind === 'blur') return effect.sigma720;
    if (effect.kind === 'color') return effect.rgba[3] < 1 ? BASE_BLUR_SIGMA_720 : 0;
    if (effect.kind === 'image') return effect.fit === 'contain' ? BASE_BLUR_SIGMA_720 : 0;
    return 0;
  }

  /** Blurs the background-weighted frame on a downscaled target sized for the wanted sigma. */
  private renderBlur(width: number, height: number, sigma720: number): void {
    const sigma = (sigma720 * height) / 720;
    const downscale = Math.min(Math.max(Math.round(sigma / TARGET_SMALL_SIGMA), MIN_DOWNSCALE), MAX_DOWNSCALE);
    const smallWidth = Math.max(1, Math.round(width / downscale));
    const smallHeight = Math.max(1, Math.round(height / downscale));
    if (this.blurTarget.width !== smallWidth || this.blurTarget.height !== smallHeight) {
      this.blurTarget.resize(smallWidth, smallHeight);
    }
    this.blurX.sigma = this.blurY.sigma = sigma / downscale;
    this.weightFilter.setFootprint(downscale, width, height);
    this.blurArea.width = smallWidth;
    this.blurArea.height = smallHeight;
    this.renderer.render({ container: this.blurStage, target: this.blurTarget, clear: true });
  }

  /** Renders light wrap's light and strength at low resolution; returns the texture for the composite. */
  private renderLightWrap(width: number, height: number, transform: readonly [number, number, number, number]): TextureSource {
    const wrapHeight = Math.max(1, Math.round((WRAP_WIDTH * height) / width));
    if (this.wrapTarget.width !== WRAP_WIDTH || this.wrapTarget.height !== wrapHeight) this.wrapTarget.resize(WRAP_WIDTH, wrapHeight);
    this.lightWrapFilter.set(this.imageLightSource!, transform, [(WRAP_REACH * height) / width, WRAP_REACH]);
    this.wrapArea.width = WRAP_WIDTH;
    this.wrapArea.height = wrapHeight;
    this.renderer.render({ container: this.wrapStage, target: this.wrapTarget, clear: true });
    return this.wrapTarget.source;
  }

  private replaceMaskSource(source: BufferImageSource): void {
    this.maskSource.destroy();
    this.maskSource = source;
    this.weightFilter.mask = source;
    this.lightWrapFilter.mask = source;
    this.compositeFilter.mask = source;
    this.matte.reset(); // a new mask size: the old history no longer fits
  }

  private static createMaskSource(width: number, height: number): BufferImageSource {
    return new BufferImageSource({
      resource: new Uint8Array(width * height),
      width,
      height,
      format: 'r8unorm',
      alphaMode: 'no-premultiply-alpha',
      scaleMode: 'linear',
    });
  }
}

/** Texels across the long side of the light-wrap copy: about the image's 5th mip level at 1280 px. */
const LIGHT_TEXELS = 32;

/** `image` averaged down to a few texels: sampled bilinearly, a very blurred image. */
function lightOf(image: ImageBitmap): OffscreenCanvas {
  const scale = LIGHT_TEXELS / Math.max(image.width, image.height);
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}
