import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { MODELS, SELFIE } from '../../inference/model-descriptors.js';
import { CameraController, type CameraConstraints } from '../controllers/camera-controller.js';
import { EffectController } from '../controllers/effect-controller.js';
import { RenderLoopController } from '../controllers/render-loop-controller.js';
import { emit, VirtualBgCameraError, type VirtualBgCameraEventMap } from './events.js';
import { styles } from './virtual-bg-camera.styles.js';

const CAMERA_PROPERTIES = ['width', 'height', 'frameRate', 'deviceId', 'facingMode', 'source'] as const;
const EFFECT_PROPERTIES = ['backgroundImage', 'backgroundFit', 'backgroundColor', 'backgroundBlur'] as const;

/**
 * A camera with its background replaced, blurred or painted, as a preview and a call-ready track.
 *
 * @summary Real-time virtual background for video calls.
 *
 * @fires ready - The first processed frame has been drawn.
 * @fires track - `detail: { track, stream }`: an output track is available.
 * @fires error - `detail: { code, message }`: something failed; see README "Errors and fallbacks".
 * @fires stats - `detail: { fps, inferenceMs, renderMs, backend, simd, threads, width, height }`, once a second.
 *
 * @csspart preview - The box holding the preview canvas.
 * @cssprop --virtual-bg-camera-background - Colour behind the preview before the first frame.
 * @cssprop --virtual-bg-camera-object-fit - How the preview fits the element box (default `contain`).
 */
export class VirtualBgCamera extends LitElement {
  static override styles = styles;

  private readonly camera = new CameraController(this);
  private readonly loop = new RenderLoopController(this, {
    onTrack: (detail) => emit(this, 'track', detail),
    onReady: () => emit(this, 'ready', undefined),
    onError: (error) => this.fail(error),
    onStats: (stats) => emit(this, 'stats', stats),
  });
  private readonly effects = new EffectController(
    this,
    (effect) => this.loop.setEffect(effect),
    (error) => this.fail(error),
  );

  /** URL of an image that replaces the background. Wins over colour and blur. */
  @property({ attribute: 'background-image' }) backgroundImage: string | null = null;

  /** How the background image fits the frame: `cover` (default), `contain` or `fill`. */
  @property({ attribute: 'background-fit' }) backgroundFit: string | null = null;

  /** Any CSS colour painted as the background. Wins over blur. */
  @property({ attribute: 'background-color' }) backgroundColor: string | null = null;

  /**
   * `light`, `medium`, `strong`, or a blur in px at 720p (scaled to the frame). The attribute
   * is `blur`; the property is `backgroundBlur` so it does not shadow `HTMLElement.blur()`.
   */
  @property({ attribute: 'blur' }) backgroundBlur: string | null = null;

  /** Mirrors the on-page preview only; the output track is never mirrored. */
  @property({ type: Boolean, reflect: true }) mirror = false;

  /** Ideal camera width in px (default 640). Changing it re-opens the camera. */
  @property({ type: Number }) width: number | null = null;

  /** Ideal camera height in px (default 480). Changing it re-opens the camera. */
  @property({ type: Number }) height: number | null = null;

  /** Ideal camera frame rate. Changing it re-opens the camera. */
  @property({ type: Number, attribute: 'frame-rate' }) frameRate: number | null = null;

  /** Camera to open, from `enumerateDevices()`. Changing it re-opens the camera. */
  @property({ attribute: 'device-id' }) deviceId: string | null = null;

  /** `user` or `environment` on devices with several cameras. Changing it re-opens the camera. */
  @property({ attribute: 'facing-mode' }) facingMode: string | null = null;

  /** Segmentation model: `selfie` (default). */
  @property() model: string | null = null;

  /** A stream to process instead of opening the camera. The element never stops its tracks. */
  @property({ attribute: false }) source: MediaStream | null = null;

  private run: AbortController | null = null;

  /** The current output track, or `null` while stopped. Never mirrored. */
  get track(): MediaStreamTrack | null {
    return this.loop.track;
  }

  /** Opens the camera (or `source`) and starts processing. Called on connect; resolves when running. */
  async start(): Promise<void> {
    if (this.run) return;
    const run = (this.run = new AbortController());
    try {
      const stream = await this.camera.open(this.cameraConstraints(), this.source, run.signal);
      if (run.signal.aborted) return;
      await this.loop.start(stream, this.modelDescriptor());
      if (run.signal.aborted) this.loop.stop();
    } catch (error) {
      if (run.signal.aborted) return;
      this.stop();
      this.fail(error);
    }
  }

  /** Releases the camera, the WebGL context and the model; the output track ends. */
  stop(): void {
    this.run?.abort();
    this.run = null;
    this.loop.stop();
    this.camera.close();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (EFFECT_PROPERTIES.some((name) => changed.has(name)) || !this.hasUpdated) {
      this.effects.update({
        backgroundImage: this.backgroundImage,
        backgroundFit: this.backgroundFit,
        backgroundColor: this.backgroundColor,
        blur: this.backgroundBlur,
      });
    }
    if (this.hasUpdated && changed.has('model') && this.loop.running) {
      this.loop.loadModel(this.modelDescriptor());
    }
    if (this.hasUpdated && CAMERA_PROPERTIES.some((name) => changed.has(name)) && this.run) {
      void this.reopenCamera();
    }
  }

  protected override render() {
    return html`<div part="preview">${this.loop.canvas}</div>`;
  }

  /** Re-opens the input with the new constraints, keeping the pipeline and its output track. */
  private async reopenCamera(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      const stream = await this.camera.open(this.cameraConstraints(), this.source, run.signal);
      if (!run.signal.aborted && this.loop.running) this.loop.setSource(stream);
    } catch (error) {
      if (run.signal.aborted) return;
      this.stop();
      this.fail(error);
    }
  }

  private cameraConstraints(): CameraConstraints {
    return {
      width: this.width ?? undefined,
      height: this.height ?? undefined,
      frameRate: this.frameRate ?? undefined,
      deviceId: this.deviceId ?? undefined,
      facingMode: this.facingMode ?? undefined,
    };
  }

  private modelDescriptor() {
    const name = this.model ?? 'selfie';
    const descriptor = MODELS[name];
    if (descriptor) return descriptor;
    this.fail(new VirtualBgCameraError('invalid-attribute', `model="${name}" is not known; using selfie.`));
    return SELFIE;
  }

  private fail(error: unknown): void {
    const typed =
      error instanceof VirtualBgCameraError
        ? error
        : new VirtualBgCameraError('camera-failed', error instanceof Error ? error.message : String(error), {
            cause: error,
          });
    emit(this, 'error', { code: typed.code, message: typed.message });
  }
}

/** Typed listeners: `el.addEventListener('track', (e) => e.detail.track)` type-checks. */
export interface VirtualBgCamera {
  addEventListener<K extends keyof VirtualBgCameraEventMap>(
    type: K,
    listener: (this: VirtualBgCamera, event: VirtualBgCameraEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: VirtualBgCamera, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof VirtualBgCameraEventMap>(
    type: K,
    listener: (this: VirtualBgCamera, event: VirtualBgCameraEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: VirtualBgCamera, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
