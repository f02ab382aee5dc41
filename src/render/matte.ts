import { Container, type Filter, RenderTexture, Sprite, Texture, type TextureSource, type WebGLRenderer } from 'pixi.js';
import { BoxMeanFilter } from './filters/box-mean/index.js';
import { GuidedCoefficientsFilter } from './filters/guided-coefficients/index.js';
import { GuidedMomentsFilter } from './filters/guided-moments/index.js';
import { TemporalSmoothingFilter } from './filters/temporal-smoothing/index.js';

/** How the person matte is made from the model's mask. */
export interface MatteOptions {
  /**
   * Edge refinement, 0..1. 0 turns it off (the mask is stretched over the frame as is).
   * Above 0, a guided filter snaps the matte's edges to the frame's edges; the value sets
   * its regularisation: low follows image edges closely, high stays closer to the mask.
   */
  readonly edgeSoftness: number;
  /** Motion-adaptive temporal smoothing of the mask, stepped once per new mask. */
  readonly temporal: boolean;
  /** Light wrap strength, 0..1, in image mode: the background's light spills onto the person's edge. */
  readonly lightWrap: number;
}

export const DEFAULT_MATTE_OPTIONS: MatteOptions = { edgeSoftness: 0.3, temporal: true, lightWrap: 0.3 };

/** Guide pixels the guided filter works on (about 160x120); its cost does not grow with the frame. */
const GUIDE_AREA = 160 * 120;
/** Box radius in guide pixels: a 5x5 window, ~20 px at 640x480. */
const GUIDE_RADIUS = 2;
/** edge-softness → eps: sqrt(eps) is the luma contrast (0..1) an edge needs to be followed. */
const MAX_EDGE_CONTRAST = 0.2;

function floatTarget(width: number, height: number): RenderTexture {
  return RenderTexture.create({ width, height, format: 'rgba16float', scaleMode: 'linear', antialias: false });
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
  private readonly boxX = new BoxMeanFilter({ direction: 'horizontal' });
  private readonly boxY = new BoxMeanFilter({ direction: 'vertical' });
  /** Ping-pong state: [current, previous]. */
  private states: [RenderTexture, RenderTexture] = [floatTarget(1, 1), floatTarget(1, 1)];
  private readonly moments = floatTarget(1, 1);
  private readonly coefficientsA = floatTarget(1, 1);
  private readonly coefficientsB = floatTarget(1, 1);
  private hasState = false;
  private pendingMask = false;

  private readonly cameraSprite: Sprite;
  private readonly dataSprite = new Sprite(Texture.WHITE);
  private readonly cameraStage = new Container();
  private readonly dataStage = new Container();

  constructor(
    private readonly renderer: WebGLRenderer,
    camera: Texture,
  ) {
    this.cameraSprite = new Sprite(camera);
    this.cameraStage.addChild(this.cameraSprite);
    this.dataStage.addChild(this.dataSprite);
  }

  setOptions(options: MatteOptions): void {
    if (options.temporal !== this.options.temporal) this.hasState = false;
    this.options = options;
  }

  get refining(): boolean {
    return this.options.edgeSoftness > 0;
  }

  /** A new mask was uploaded: the next `update` steps the smoothing once. */
  maskChanged(): void {
    this.pendingMask = true;
  }

  /** Forget the history (mask cleared, input or model changed): the next mask starts afresh. */
  reset(): void {
    this.hasState = false;
    this.pendingMask = false;
  }

  /**
   * Runs the low-resolution passes for this frame and returns the mask to composite with
   * (the smoothed one, or `raw`) and the guided-filter coefficients (or null when off).
   * Call after the camera texture holds the frame.
   */
  update(raw: TextureSource, frameWidth: number, frameHeight: number): { mask: TextureSource; coefficients: TextureSource | null } {
    let mask: TextureSource = raw;
    if (this.options.temporal) {
      if (this.pendingMask) this.stepTemporal(raw);
      // Without a step since the last reset, the raw mask (cleared = all background) rules: fail closed.
      if (this.hasState) mask = this.states[0].source;
    }
    this.pendingMask = false;
    const coefficients = this.refining ? this.guidedCoefficients(mask, frameWidth, frameHeight) : null;
    return { mask, coefficients };
  }

  destroy(): void {
    for (const filter of [this.temporalFilter, this.momentsFilter, this.coefficientsFilter, this.boxX, this.boxY]) {
      filter.destroy();
    }
    this.cameraStage.destroy({ children: true });
    this.dataStage.destroy({ children: true });
    for (const target of [...this.states, this.moments, this.coefficientsA, this.coefficientsB]) target.destroy(true);
  }

  private stepTemporal(raw: TextureSource): void {
    const { width, height } = raw;
    const [newest, older] = this.states;
    for (const state of this.states) if (state.width !== width || state.height !== height) state.resize(width, height);
    this.temporalFilter.setInputs(raw, newest.source, !this.hasState);
    // Read the newest state, write over the older one, then swap: states[0] is always the newest.
    this.draw(this.cameraStage, this.cameraSprite, this.temporalFilter, older);
    this.states = [older, newest];
    this.hasState = true;
  }

  private guidedCoefficients(mask: TextureSource, frameWidth: number, frameHeight: number): TextureSource {
    const scale = Math.max(1, Math.sqrt((frameWidth * frameHeight) / GUIDE_AREA));
    const width = Math.max(1, Math.round(frameWidth / scale));
    const height = Math.max(1, Math.round(frameHeight / scale));
    for (const target of [this.moments, this.coefficientsA, this.coefficientsB]) {
      if (target.width !== width || target.height !== height) target.resize(width, height);
    }
    const contrast = this.options.edgeSoftness * MAX_EDGE_CONTRAST;
    this.momentsFilter.configure(mask, width, height, GUIDE_RADIUS);
    this.draw(this.cameraStage, this.cameraSprite, this.momentsFilter, this.moments);
    this.coefficientsFilter.configure(this.moments.source, width, height, GUIDE_RADIUS, contrast * contrast);
    this.draw(this.dataStage, this.dataSprite, this.coefficientsFilter, this.coefficientsA);
    // Average the coefficients over each window (the "mean of a, b" step of the filter).
    this.boxX.configure(this.coefficientsA.source, GUIDE_RADIUS);
    this.draw(this.dataStage, this.dataSprite, this.boxX, this.coefficientsB);
    this.boxY.configure(this.coefficientsB.source, GUIDE_RADIUS);
    this.draw(this.dataStage, this.dataSprite, this.boxY, this.coefficientsA);
    return this.coefficientsA.source;
  }

  private draw(stage: Container, sprite: Sprite, filter: Filter, target: RenderTexture): void {
    sprite.setSize(target.width, target.height);
    sprite.filters = [filter];
    this.renderer.render({ container: stage, target, clear: true });
  }
}
