import { BufferImageSource, Container, type Filter, ImageSource, Sprite, Texture, WebGLRenderer } from 'pixi.js';
// Despite its name, this makes pixi run WITHOUT eval/new Function (it swaps in
// precompiled uniform and buffer sync), so pages with a strict CSP work.
import 'pixi.js/unsafe-eval';
// The one extension set used here (the root import already registers rendering). Importing
// it statically, with skipExtensionImports below, keeps pixi from importing its browser or
// worker environment bundle at run time.
import 'pixi.js/filters';
import type { SegmentationMask } from '../inference/segmenter.js';
import type { Effect } from '../shared/effect.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../shared/matte-options.js';
import { BlurStage } from './blur.js';
import { CompositeStage } from './composite.js';
import { imageTransform } from './effect.js';
import { LightWrapStage } from './light-wrap.js';
import { MatteStage } from './matte.js';
import { assertProgramsLink } from './shader-check.js';

/**
 * Draws camera frames with the current effect onto one WebGL2 canvas, using pixi v8.
 *
 * Per frame, only one full-size pass; everything else runs at low resolution:
 * 1. matte (`MatteStage`): temporal smoothing at mask size, once per new mask, and the
 *    guided filter's edge coefficients at ~160x120;
 * 2. blur (`BlurStage`, only when the effect needs the room blurred): the frame, weighted
 *    by background-ness, downscaled 2-8x and Gaussian-blurred there;
 * 3. light wrap (`LightWrapStage`, image and video modes) at 128 px wide;
 * 4. composite (`CompositeStage`): one full-size pass builds the matte and puts the person
 *    over the background.
 * With no effect the frame is drawn as is, with no filter at all. A video background's frames
 * arrive on their own (`setBackgroundFrame`); the newest is uploaded into one texture at the
 * next `render`, and until the first one the room is blurred.
 */
export class Compositor {
  private readonly cameraSource = new ImageSource({ resource: new OffscreenCanvas(1, 1), width: 1, height: 1 });
  private maskSource: BufferImageSource;
  private readonly frameSprite: Sprite;
  private readonly frameStage = new Container();
  private readonly matte: MatteStage;
  private readonly blur: BlurStage;
  private readonly lightWrap: LightWrapStage;
  private readonly composite: CompositeStage;
  private effect: Effect = { kind: 'none' };
  /** A video background's newest frame (owned here, closed once replaced), and whether it is not yet drawn. */
  private videoFrame: VideoFrame | null = null;
  private videoFrameNew = false;
  private matteOptions: MatteOptions = DEFAULT_MATTE_OPTIONS;

  private constructor(private readonly renderer: WebGLRenderer) {
    this.maskSource = Compositor.createMaskSource(1, 1);
    // Dynamic: sprites drawing it must re-read its size when the frame size changes, or
    // their bounds (and so every filter's output area) stay at the first frame's size.
    const cameraTexture = new Texture({ source: this.cameraSource, dynamic: true });
    this.matte = new MatteStage(renderer, cameraTexture);
    this.blur = new BlurStage(renderer, this.cameraSource);
    this.lightWrap = new LightWrapStage(renderer);
    this.composite = new CompositeStage(renderer, this.cameraSource);
    this.frameSprite = new Sprite(cameraTexture);
    this.frameStage.addChild(this.frameSprite);
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

  /** Every filter drawn with, in any effect. */
  private get filters(): Filter[] {
    return [...this.matte.filters, ...this.blur.filters, ...this.lightWrap.filters, ...this.composite.filters];
  }

  /** The canvas frames are drawn on. */
  get canvas(): OffscreenCanvas {
    return this.renderer.canvas as unknown as OffscreenCanvas;
  }

  /** Switches the effect; takes effect on the next `render`. */
  setEffect(effect: Effect): void {
    this.effect = effect;
    this.configureStages();
  }

  /**
   * A video background's newest frame, or null to drop the one kept (a new background is
   * coming). Takes ownership of `frame`: it is closed once a newer one replaces it.
   */
  setBackgroundFrame(frame: VideoFrame | null): void {
    const previous = this.videoFrame;
    this.videoFrame = frame;
    this.videoFrameNew = frame !== null;
    // From none to one (or back), a video effect changes what it draws: blur, or the video.
    if ((previous === null) !== (frame === null) && this.effect.kind === 'video') this.configureStages();
    previous?.close();
  }

  /** Edge refinement, temporal smoothing and light wrap; take effect on the next `render`. */
  setMatteOptions(options: MatteOptions): void {
    this.matteOptions = options;
    this.matte.configure(options);
    this.configureLightWrap();
  }

  /** What is drawn for the effect now: a video background with no frame yet is a blur (fail closed). */
  private get drawnEffect(): Effect {
    const effect = this.effect;
    return effect.kind === 'video' && !this.videoFrame ? { kind: 'blur', sigma720: effect.sigma720 } : effect;
  }

  private configureStages(): void {
    const drawn = this.drawnEffect;
    this.blur.configure(drawn);
    this.composite.configure(drawn);
    if (drawn.kind === 'video') this.videoFrameNew = true; // a new video layer: upload the frame kept
    this.configureLightWrap();
  }

  private configureLightWrap(): void {
    const drawn = this.drawnEffect;
    const background = drawn.kind === 'image' ? drawn.image : drawn.kind === 'video' ? this.videoFrame : null;
    this.lightWrap.configure(background, this.matteOptions.lightWrap);
  }

  /** Evaluation only: draw the matte (person alpha) as grey instead of the composite. */
  set debugMatte(on: boolean) {
    this.composite.debugMatte = on;
  }

  /** Uploads the newest mask. */
  setMask(mask: SegmentationMask): void {
    if (mask.width !== this.maskSource.width || mask.height !== this.maskSource.height) {
      this.maskSource.destroy();
      this.maskSource = Compositor.createMaskSource(mask.width, mask.height);
      this.matte.reset(); // a new mask size: the old history no longer fits
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

    if (this.videoFrameNew && effect.kind === 'video') {
      this.videoFrameNew = false;
      this.composite.setVideoFrame(this.videoFrame!);
      this.configureLightWrap();
    }
    const { mask, coefficients } = this.matte.render(this.maskSource, width, height);
    const blurred = this.blur.render(mask, width, height);
    const background = this.backgroundSize();
    const transform = background && (effect.kind === 'image' || effect.kind === 'video') ? imageTransform(effect.fit, width, height, background.width, background.height) : null;
    const lightWrap = transform ? this.lightWrap.render(mask, width, height, transform) : null;
    this.composite.render({ mask, coefficients, blurred, imageTransform: transform, lightWrap });
    return { width, height };
  }

  /** The size of the image layer's picture (an image, or the video's frame), or null when there is none. */
  private backgroundSize(): { width: number; height: number } | null {
    const drawn = this.drawnEffect;
    if (drawn.kind === 'image') return drawn.image;
    if (drawn.kind === 'video' && this.videoFrame) return { width: this.videoFrame.displayWidth, height: this.videoFrame.displayHeight };
    return null;
  }

  /** Frees the WebGL context and every texture. The compositor is unusable afterwards. */
  destroy(): void {
    const gl = this.renderer.gl;
    // Users before what they use: each stage unbinds its inputs before it frees its own
    // filters and textures, and the matte goes last of them, as the others read its targets.
    this.composite.destroy();
    this.lightWrap.destroy();
    this.blur.destroy();
    this.matte.destroy();
    this.frameStage.destroy({ children: true });
    this.maskSource.destroy();
    this.cameraSource.destroy();
    this.videoFrame?.close();
    this.videoFrame = null;
    this.renderer.destroy({ removeView: true });
    // Browsers cap live WebGL contexts; release this one now rather than at GC.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
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
