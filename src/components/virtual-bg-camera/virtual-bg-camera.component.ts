import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { errorMessage } from '../../shared/error-message.js';
import type { ModelDescriptor } from '../../shared/model.js';
import type { Quality } from '../../shared/quality.js';
import type { CameraConstraints, InputSpec } from '../../processor/camera-input.js';
import type { SessionEvent } from '../../processor/session.js';
import { EffectController } from '../controllers/effect-controller.js';
import { ATTRIBUTES, invalidAttribute, readAttribute, SWITCH, UNIT, type AttributeDescriptor, type Reflected } from './attributes.js';
import { SessionController } from '../controllers/session-controller.js';
import {
  emit,
  VirtualBgCameraError,
  type ErrorCode,
  type StatsEventDetail,
  type AddVirtualBgCameraListener,
  type RemoveVirtualBgCameraListener,
} from './events.js';
import { styles } from './virtual-bg-camera.styles.js';

/** The camera and model settings last set to a valid value. */
interface ValidSettings {
  width: number;
  height: number;
  /** 0: the camera's default. */
  frameRate: number;
  deviceId: string;
  facingMode: string;
  model: ModelDescriptor;
  quality: Quality;
}

/** Attributes read into `ValidSettings`: the property keeps what was set, valid or not. */
const VALIDATED = ['width', 'height', 'frameRate', 'deviceId', 'facingMode', 'quality', 'model'] as const satisfies readonly (keyof ValidSettings)[];

/** Typed properties reflected to attributes: an invalid value never reaches them. */
const REFLECTED = {
  edgeSoftness: UNIT,
  lightWrap: UNIT,
  temporalSmoothing: SWITCH,
} as const satisfies Record<string, Reflected<unknown>>;
type ReflectedName = keyof typeof REFLECTED;
const REFLECTED_BY_ATTRIBUTE = new Map(
  (Object.keys(REFLECTED) as ReflectedName[]).map((name) => [ATTRIBUTES[name].attribute, name] as const),
);

/** What the element tells the person looking at it, over the preview. */
type Notice =
  | { readonly kind: 'loading'; readonly progress: number }
  | { readonly kind: 'camera'; readonly code: ErrorCode };

/** Plain words for the failures that leave no picture at all; each gets a Retry button. */
const CAMERA_MESSAGES: Partial<Record<ErrorCode, string>> = {
  'webgl-unavailable': 'This browser cannot draw the background effect here (WebGL2 is unavailable or blocked).',
  'camera-denied': 'Camera access is blocked. Allow it in your browser’s site settings, then retry.',
  'camera-not-found': 'No camera was found. Connect one, then retry.',
  'camera-busy': 'The camera is in use by another app, or could not start. Close the other app, then retry.',
  'camera-failed': 'The camera could not be started.',
};

const CAMERA_PROPERTIES = ['width', 'height', 'frameRate', 'deviceId', 'facingMode', 'source'] as const;
const EFFECT_PROPERTIES = ['backgroundSource', 'backgroundVideo', 'backgroundImage', 'backgroundFit', 'backgroundColor', 'backgroundBlur'] as const;
const MATTE_PROPERTIES = ['edgeSoftness', 'temporalSmoothing', 'lightWrap'] as const;

/**
 * A camera with its background replaced, blurred or painted, as a preview and a call-ready track.
 *
 * @summary Real-time virtual background for video calls.
 *
 * @fires {CustomEvent<void>} ready - The first processed frame has been drawn.
 * @fires {CustomEvent<TrackEventDetail>} track - `detail: { track, stream }`: an output track is available.
 * @fires {CustomEvent<ErrorEventDetail>} error - `detail: { code, message }`: something failed; see README "Errors and fallbacks".
 * @fires {CustomEvent<StatsEventDetail>} stats - `detail: { fps, inferenceFps, inferenceMs, renderMs, backend, simd, threads, tensors, width, height }`, once a second.
 *
 * @csspart preview - The box holding the preview: a `<video>` playing the output track.
 * @csspart status - The model-loading indicator (with a `<progress>`), over the preview.
 * @csspart message - A camera problem explained in plain words, over the preview.
 * @csspart retry-button - The message's Retry button: calls `start()`.
 * @csspart stats - The `show-stats` overlay.
 * @cssprop --virtual-bg-camera-background - Colour behind the preview before the first frame.
 * @cssprop --virtual-bg-camera-object-fit - How the preview fits the element box (default `contain`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class VirtualBgCamera extends LitElement {
  static override styles = styles;

  private readonly session = new SessionController(
    this,
    (event) => this.onSessionEvent(event),
    (error) => this.fail(error),
  );
  private readonly effects = new EffectController(
    this,
    (effect, background) => {
      this.session.setBackground(background);
      this.session.configure({ effect });
    },
    (error) => this.fail(error),
  );

  /**
   * A stream whose video replaces the background (a canvas `captureStream()`, a screen
   * capture). Wins over every other background setting. The element never stops its tracks.
   */
  @property({ attribute: false }) backgroundSource: MediaStream | null = null;

  /**
   * URL of a video that replaces the background: looped, muted, fetched with CORS. Wins over
   * image, colour and blur; the room is blurred until its first frame and if it fails.
   */
  @property({ attribute: 'background-video' }) backgroundVideo: string | null = null;

  /** URL of an image that replaces the background. Wins over colour and blur. */
  @property({ attribute: 'background-image' }) backgroundImage: string | null = null;

  /** How the background image or video fits the frame: `cover` (default), `contain` or `fill`. */
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

  /** Segmentation model: `selfie` (default), or the URL of a compatible TFJS graph model's `model.json`. */
  @property() model: string | null = null;

  /**
   * How often segmentation runs: `auto` (default) runs it on every frame while the machine keeps
   * up and spaces it out before any output frame is dropped; `high`, `balanced` and `low` run it on
   * every 1st, 2nd and 3rd frame. Output always follows the camera's frame rate.
   */
  @property() quality: string | null = null;

  /**
   * Edge refinement, `0`..`1` (default `0.1`). `0` turns it off: the model's low-resolution
   * mask is stretched over the frame. Above 0, the matte's edge snaps to the frame's own
   * edges; higher values need stronger image edges to move it (softer, closer to the mask).
   * Reflected to `edge-softness`.
   */
  @property({ attribute: 'edge-softness', reflect: true, useDefault: true, converter: UNIT.converter })
  edgeSoftness: number = ATTRIBUTES.edgeSoftness.default;

  /**
   * Motion-adaptive temporal smoothing of the matte (default on; attribute `on` or `off`).
   * Steadies the edge where nothing moves; follows at once where something does.
   */
  @property({ attribute: 'temporal-smoothing', reflect: true, useDefault: true, converter: SWITCH.converter })
  temporalSmoothing: boolean = ATTRIBUTES.temporalSmoothing.default;

  /**
   * Light wrap over a background image, `0`..`1` (default `0.3`; `0` turns it off): the
   * image's light on the person's edge. Reflected to `light-wrap`.
   */
  @property({ attribute: 'light-wrap', reflect: true, useDefault: true, converter: UNIT.converter })
  lightWrap: number = ATTRIBUTES.lightWrap.default;

  /** Shows live fps, inference time and backend over the preview (never in the output track). */
  @property({ type: Boolean, attribute: 'show-stats', reflect: true }) showStats = false;

  /** A stream to process instead of opening the camera. The element never stops its tracks. */
  @property({ attribute: false }) source: MediaStream | null = null;

  @state() private notice: Notice | null = null;
  @state() private lastStats: StatsEventDetail | null = null;
  /** The first processed frame of this run has been drawn. */
  private isReady = false;
  /** Invalid values set to a reflected attribute since the last update, to report in it. */
  private rejected: VirtualBgCameraError[] = [];
  /** Last valid values, kept when an attribute is set to something invalid. */
  private readonly valid: ValidSettings = {
    width: ATTRIBUTES.width.default,
    height: ATTRIBUTES.height.default,
    frameRate: ATTRIBUTES.frameRate.default,
    deviceId: ATTRIBUTES.deviceId.default,
    facingMode: ATTRIBUTES.facingMode.default,
    model: ATTRIBUTES.model.default,
    quality: ATTRIBUTES.quality.default,
  };

  /** The current output track, or `null` while stopped. Never mirrored. */
  get track(): MediaStreamTrack | null {
    return this.session.track;
  }

  /** Opens the camera (or `source`) and starts processing. Called on connect; resolves when running. */
  async start(): Promise<void> {
    if (this.session.active) return;
    this.isReady = false;
    if (this.notice?.kind === 'camera') this.notice = null;
    await this.session.start();
  }

  /** Releases the camera, the WebGL context and the model; the output track ends. Removing the element does the same. */
  stop(): void {
    this.session.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  /**
   * An invalid value for a reflected attribute (`edge-softness="soft"`) stays in the attribute
   * but never reaches the property, which keeps its last valid value. The error is raised at
   * the next update, so listeners added before the element is connected still hear it.
   */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const property = REFLECTED_BY_ATTRIBUTE.get(name);
    if (property && value !== null && REFLECTED[property].converter.fromAttribute?.(value) === null) {
      this.rejected.push(invalidAttribute(ATTRIBUTES[property], value));
      this.requestUpdate();
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.validate(changed);
    if (EFFECT_PROPERTIES.some((name) => changed.has(name)) || !this.hasUpdated) {
      this.effects.update({
        backgroundSource: this.backgroundSource,
        backgroundVideo: this.backgroundVideo,
        backgroundImage: this.backgroundImage,
        backgroundFit: this.backgroundFit,
        backgroundColor: this.backgroundColor,
        blur: this.backgroundBlur,
      });
    }
    if (MATTE_PROPERTIES.some((name) => changed.has(name)) || !this.hasUpdated) {
      const { edgeSoftness, temporalSmoothing, lightWrap } = this;
      this.session.configure({ matte: { edgeSoftness, temporal: temporalSmoothing, lightWrap } });
    }
    if (changed.has('model') || !this.hasUpdated) this.session.configure({ model: this.valid.model });
    if (changed.has('quality')) this.session.configure({ quality: this.valid.quality });
    if (CAMERA_PROPERTIES.some((name) => changed.has(name)) || !this.hasUpdated) this.session.setInput(this.input());
  }

  protected override render() {
    const notice = this.notice;
    const stats = this.showStats ? this.lastStats : null;
    return html`
      <div part="preview" role="img" aria-label=${this.previewLabel()}>
        <video .srcObject=${this.session.stream} muted autoplay playsinline disablepictureinpicture></video>
      </div>
      ${notice?.kind === 'loading'
        ? html`<div part="status" class="overlay" role="status">
            <span>Loading background model…</span>
            <progress max="100" value=${Math.round(notice.progress * 100)} aria-label="Model download"></progress>
          </div>`
        : nothing}
      ${notice?.kind === 'camera'
        ? html`<div part="message" class="overlay" role="alert">
            <p>${CAMERA_MESSAGES[notice.code]}</p>
            <button part="retry-button" type="button" @click=${() => void this.start()}>Retry</button>
          </div>`
        : nothing}
      ${stats
        ? html`<div part="stats" aria-hidden="true">
            ${stats.fps.toFixed(0)} fps · ${stats.inferenceMs.toFixed(1)} ms ·
            ${stats.backend || '—'}${stats.simd ? '+simd' : ''}${stats.threads > 1 ? ` ×${stats.threads}` : ''}
          </div>`
        : nothing}
    `;
  }

  private previewLabel(): string {
    const effect =
      this.backgroundSource || this.backgroundVideo
        ? 'background replaced by a video'
        : this.backgroundImage
          ? 'background replaced by an image'
          : this.backgroundColor
            ? 'background painted a colour'
            : this.backgroundBlur
              ? 'background blurred'
              : 'no background effect';
    return `Camera preview, ${effect}${this.mirror ? ', mirrored' : ''}`;
  }

  /** The input the settings ask for: `source`, else the camera with the valid constraints. */
  private input(): InputSpec {
    return this.source ? { kind: 'stream', stream: this.source } : { kind: 'camera', constraints: this.cameraConstraints() };
  }

  private cameraConstraints(): CameraConstraints {
    const { width, height, frameRate, deviceId, facingMode } = this.valid;
    return {
      width,
      height,
      frameRate: frameRate || undefined,
      deviceId: deviceId || undefined,
      facingMode: facingMode || undefined,
    };
  }

  /** Checks changed camera, model and matte settings; an invalid one raises `invalid-attribute` and keeps its last valid value. */
  private validate(changed: PropertyValues<this>): void {
    const first = !this.hasUpdated;
    for (const name of VALIDATED) {
      if (!first && !changed.has(name)) continue;
      const descriptor = ATTRIBUTES[name] as AttributeDescriptor<ValidSettings[typeof name], unknown>;
      const read = readAttribute(descriptor, this[name]);
      if ('value' in read) (this.valid as Record<typeof name, unknown>)[name] = read.value;
      else this.fail(read.error);
    }
    for (const error of this.rejected.splice(0)) this.fail(error);
    for (const name of Object.keys(REFLECTED) as ReflectedName[]) {
      if (!changed.has(name)) continue;
      const value: unknown = this[name];
      const checked = REFLECTED[name].check(value);
      if (checked === null) this.fail(invalidAttribute(ATTRIBUTES[name], value));
      // Set from script: keep the last valid value, or take the attribute text's value.
      if (checked !== value) this.setReflected(name, checked ?? changed.get(name) ?? ATTRIBUTES[name].default);
    }
  }

  private setReflected(name: ReflectedName, value: unknown): void {
    (this as Record<ReflectedName, unknown>)[name] = value;
  }

  /** The session's events, as the element's events and notices. */
  private onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'track':
        return emit(this, 'track', { track: event.track, stream: event.stream });
      case 'ready':
        this.isReady = true;
        if (this.notice?.kind === 'loading') this.notice = null;
        return emit(this, 'ready', undefined);
      case 'error':
        return this.fail(new VirtualBgCameraError(event.code, event.message));
      case 'stats':
        if (this.showStats) this.lastStats = event.stats;
        return emit(this, 'stats', event.stats);
      case 'model-progress':
        if (!this.isReady) this.notice = event.fraction < 1 ? { kind: 'loading', progress: event.fraction } : null;
        return;
      case 'stopped':
        if (this.notice?.kind === 'loading') this.notice = null;
        return;
    }
  }

  private fail(error: unknown): void {
    const typed =
      error instanceof VirtualBgCameraError
        ? error
        : new VirtualBgCameraError('camera-failed', errorMessage(error), {
            cause: error,
          });
    if (typed.code in CAMERA_MESSAGES) this.notice = { kind: 'camera', code: typed.code };
    // A failed load ends the wait; the frame stays fully blurred (fail closed), with no spinner.
    else if (typed.code.startsWith('model-') && this.notice?.kind === 'loading') this.notice = null;
    emit(this, 'error', { code: typed.code, message: typed.message });
  }
}

/**
 * Typed listeners (see `events.ts`). Merged into the class on purpose: the interface only
 * narrows the event types of two methods the class inherits.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface VirtualBgCamera {
  addEventListener: AddVirtualBgCameraListener<VirtualBgCamera>;
  removeEventListener: RemoveVirtualBgCameraListener<VirtualBgCamera>;
}
