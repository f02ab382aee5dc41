import { Container, type Filter, RenderTexture, Sprite, type Texture, type TextureSource, type WebGLRenderer } from 'pixi.js';
import { CoefficientSmoothingFilter } from './filters/coefficient-smoothing/index.js';
import { GuidedCoefficientsFilter } from './filters/guided-coefficients/index.js';
import { GuidedMomentsFilter } from './filters/guided-moments/index.js';
import { TemporalSmoothingFilter } from './filters/temporal-smoothing/index.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../shared/matte-options.js';
import { destroyFilter, RenderPass } from './render-pass.js';

/**
 * Internal constants of the matte stage, in one object so that `npm run eval` can sweep
 * them; the element never changes them.
 */
export const MATTE_TUNING = {
  /** Guide pixels the guided filter works on (about 160x120); its cost does not grow with the frame. */
  guideArea: 160 * 120,
  /** Box radius in guide pixels: 3x3 windows, ~12 px at 640x480 (wider ones blur more than they snap). */
  radius: 1,
  /** edge-softness 1 → sqrt(eps): the luma contrast (0..1) an edge needs to be followed. */
  maxEdgeContrast: 0.2,
  /** Temporal weights: see temporal-smoothing.frag. */
  minWeight: TemporalSmoothingFilter.DEFAULT_OPTIONS.minWeight,
  motionGain: TemporalSmoothingFilter.DEFAULT_OPTIONS.motionGain,
  motionFloor: TemporalSmoothingFilter.DEFAULT_OPTIONS.motionFloor,
  changeGain: TemporalSmoothingFilter.DEFAULT_OPTIONS.changeGain,
  changeFloor: TemporalSmoothingFilter.DEFAULT_OPTIONS.changeFloor,
  /** Coefficient smoothing (refinement and temporal both on): weight where the frame is still. */
  coefficientMinWeight: CoefficientSmoothingFilter.DEFAULT_OPTIONS.minWeight,
};

type FloatFormat = 'rgba32float' | 'rgba16float';

/**
 * The float format for the matte's targets. 32-bit where the GPU can render to it and filter
 * it: software WebGL (SwiftShader) samples half floats slowly, and the composite samples
 * these targets at every output pixel. Half floats otherwise, which WebGL2 always filters.
 */
function floatFormat(gl: WebGL2RenderingContext): FloatFormat {
  return gl.getExtension('EXT_color_buffer_float') && gl.getExtension('OES_texture_float_linear') ? 'rgba32float' : 'rgba16float';
}

function floatTarget(format: FloatFormat): RenderTexture {
  return RenderTexture.create({ width: 1, height: 1, format, scaleMode: 'linear', antialias: false });
}

/**
 * The mask-refinement stage, all at low resolution (mask or guide size), never at frame
 * size: temporal smoothing of the mask (state kept on the GPU in two ping-pong targets),
 * and the fast guided filter's coefficients, which the composite pass turns into
 * alpha = a·I + b at full size with the frame's own luma I.
 */
export class MatteStage {
  private options: MatteOptions = DEFAULT_MATTE_OPTIONS;
  private readonly temporalFilter = new TemporalSmoothingFilter();
  private readonly momentsFilter = new GuidedMomentsFilter();
  private readonly coefficientsFilter = new GuidedCoefficientsFilter();
  private readonly coefficientSmoothing = new CoefficientSmoothingFilter();
  /** Ping-pong mask state (smoothed mask, luma): [newest, older]. */
  private states: [RenderTexture, RenderTexture];
  /** Ping-pong coefficient state (a, b, luma): [newest, older]. */
  private coefficientStates: [RenderTexture, RenderTexture];
  private readonly moments: RenderTexture;
  private readonly coefficientsA: RenderTexture;
  private hasState = false;
  private hasCoefficientState = false;
  private pendingMask = false;
  /** The coefficients to composite with, or null when they must be recomputed before use. */
  private coefficients: TextureSource | null = null;

  /** The camera frame at guide size, drawn once per step; every pass samples it (`uGuide`). */
  private readonly guide = RenderTexture.create({ width: 1, height: 1, scaleMode: 'linear', antialias: false });
  private readonly cameraSprite: Sprite;
  private readonly cameraStage = new Container();
  private readonly temporalPass: RenderPass;
  private readonly momentsPass: RenderPass;
  private readonly coefficientsPass: RenderPass;
  private readonly coefficientSmoothingPass: RenderPass;

  constructor(
    private readonly renderer: WebGLRenderer,
    camera: Texture,
  ) {
    const format = floatFormat(renderer.gl);
    this.states = [floatTarget(format), floatTarget(format)];
    this.coefficientStates = [floatTarget(format), floatTarget(format)];
    this.moments = floatTarget(format);
    this.coefficientsA = floatTarget(format);
    this.cameraSprite = new Sprite(camera);
    this.cameraStage.addChild(this.cameraSprite);
    this.temporalPass = new RenderPass(renderer, [this.temporalFilter]);
    this.momentsPass = new RenderPass(renderer, [this.momentsFilter]);
    this.coefficientsPass = new RenderPass(renderer, [this.coefficientsFilter]);
    this.coefficientSmoothingPass = new RenderPass(renderer, [this.coefficientSmoothing]);
    for (const filter of [this.temporalFilter, this.momentsFilter, this.coefficientSmoothing]) filter.guide = this.guide.source;
  }

  /** Edge refinement and temporal smoothing (light wrap is not this stage's); take effect on the next `render`. */
  configure(options: MatteOptions): void {
    if (options.temporal !== this.options.temporal) this.hasState = this.hasCoefficientState = false;
    if (options.temporal !== this.options.temporal || options.edgeSoftness !== this.options.edgeSoftness) {
      this.coefficients = null;
    }
    this.options = options;
  }

  get refining(): boolean {
    return this.options.edgeSoftness > 0;
  }

  /** A new mask was uploaded: the next `render` steps the smoothing once. */
  maskChanged(): void {
    this.pendingMask = true;
  }

  /** Forget the history (mask cleared, input or model changed): the next mask starts afresh. */
  reset(): void {
    this.hasState = this.hasCoefficientState = false;
    this.pendingMask = false;
    // Recompute from the cleared mask before the next draw: never keep the old person's edge.
    this.coefficients = null;
  }

  /**
   * Runs the low-resolution passes for this frame and returns the mask to composite with
   * (the smoothed one, or `raw`) and the guided-filter coefficients (or null when off).
   * Call after the camera texture holds the frame.
   */
  render(raw: TextureSource, frameWidth: number, frameHeight: number): { mask: TextureSource; coefficients: TextureSource | null } {
    const step = this.pendingMask;
    this.pendingMask = false;
    const { width, height } = this.guideSize(frameWidth, frameHeight);
    const recompute =
      this.refining && (step || !this.coefficients || this.moments.width !== width || this.moments.height !== height);
    if ((step && this.options.temporal) || recompute) this.drawGuide(width, height);
    let mask: TextureSource = raw;
    if (this.options.temporal) {
      if (step) this.stepTemporal(raw);
      // Without a step since the last reset, the raw mask (cleared = all background) rules: fail closed.
      if (this.hasState) mask = this.states[0].source;
    }
    if (!this.refining) return { mask, coefficients: null };
    // Coefficients, like the smoothing, step once per mask; frames in between reuse them
    // with their own luma. They are redone when stale (reset, options, frame size).
    if (recompute) {
      // Only real mask steps make history: coefficients redone for a cleared mask are not smoothed.
      this.coefficients = this.guidedCoefficients(mask, width, height, step && this.options.temporal);
    }
    return { mask, coefficients: this.coefficients };
  }

  /** Every filter this stage draws with. */
  get filters(): readonly Filter[] {
    return [this.temporalFilter, this.momentsFilter, this.coefficientsFilter, this.coefficientSmoothing];
  }

  destroy(): void {
    for (const filter of this.filters) destroyFilter(filter);
    const passes = [this.temporalPass, this.momentsPass, this.coefficientsPass, this.coefficientSmoothingPass];
    for (const pass of passes) pass.destroy();
    this.cameraStage.destroy({ children: true });
    const targets = [...this.states, ...this.coefficientStates, this.moments, this.coefficientsA, this.guide];
    for (const target of targets) target.destroy(true);
  }

  private stepTemporal(raw: TextureSource): void {
    const { width, height } = raw;
    const [newest, older] = this.states;
    for (const state of this.states) if (state.width !== width || state.height !== height) state.resize(width, height);
    this.temporalFilter.setInputs(raw, newest.source, !this.hasState);
    this.temporalFilter.setWeights(MATTE_TUNING);
    // Read the newest state, write over the older one, then swap: states[0] is always the newest.
    this.temporalPass.render(older);
    this.states = [older, newest];
    this.hasState = true;
  }

  private guideSize(frameWidth: number, frameHeight: number): { width: number; height: number } {
    const scale = Math.max(1, Math.sqrt((frameWidth * frameHeight) / MATTE_TUNING.guideArea));
    return { width: Math.max(1, Math.round(frameWidth / scale)), height: Math.max(1, Math.round(frameHeight / scale)) };
  }

  private guidedCoefficients(mask: TextureSource, width: number, height: number, smooth: boolean): TextureSource {
    const { radius, maxEdgeContrast } = MATTE_TUNING;
    for (const target of [this.moments, this.coefficientsA, ...this.coefficientStates]) {
      if (target.width !== width || target.height !== height) {
        target.resize(width, height);
        this.hasCoefficientState = false;
      }
    }
    const contrast = this.options.edgeSoftness * maxEdgeContrast;
    this.momentsFilter.configure(mask, width, height, radius);
    this.momentsPass.render(this.moments);
    this.coefficientsFilter.configure(this.moments.source, width, height, radius, contrast * contrast);
    this.coefficientsPass.render(this.coefficientsA);
    // The full guided filter also averages (a, b) over each window: two more passes that,
    // on the eval, cost boundary F and flicker; bilinear upsampling of (a, b) is smooth enough.
    if (!smooth) return this.coefficientsA.source;

    const [newest, older] = this.coefficientStates;
    this.coefficientSmoothing.setInputs(this.coefficientsA.source, newest.source, !this.hasCoefficientState);
    this.coefficientSmoothing.setWeights({ ...MATTE_TUNING, minWeight: MATTE_TUNING.coefficientMinWeight });
    this.coefficientSmoothingPass.render(older);
    this.coefficientStates = [older, newest];
    this.hasCoefficientState = true;
    return older.source;
  }

  /** The camera frame, shrunk to guide size by the GPU. */
  private drawGuide(width: number, height: number): void {
    if (this.guide.width !== width || this.guide.height !== height) this.guide.resize(width, height);
    this.cameraSprite.setSize(width, height);
    this.renderer.render({ container: this.cameraStage, target: this.guide, clear: true });
  }
}
