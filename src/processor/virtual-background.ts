import type { BackgroundFit } from '../shared/effect.js';
import { errorMessage } from '../shared/error-message.js';
import { VirtualBgCameraError, type ErrorEventDetail } from '../shared/errors.js';
import type { MatteOptions } from '../shared/matte-options.js';
import type { ModelDescriptor } from '../shared/model.js';
import type { Quality } from '../shared/quality.js';
import type { StatsEventDetail } from '../shared/stats.js';
import { ATTRIBUTES, checkSwitch, checkUnit, invalidAttribute, readAttribute, type AttributeDescriptor } from './attributes.js';
import { EffectResolver, NO_EFFECT, type EffectAttributes, type EffectSetting } from './effect-resolver.js';
import { Session, type SessionEvent } from './session.js';

/**
 * The processor's options: the element's properties, by the same names (`blur` is the
 * element's `blur` attribute, its `backgroundBlur` property) and read by the same parsers.
 * In `configure()`, an absent (or `undefined`) option keeps its value and `null` resets it to
 * its default, like removing the attribute.
 */
export interface VirtualBackgroundOptions {
  /** `light`, `medium`, `strong`, or a blur in px at 720p (`12`, `'12px'`, up to 64). */
  readonly blur?: 'light' | 'medium' | 'strong' | `${number}px` | number | null;
  /** Any CSS colour painted as the background. Wins over blur. */
  readonly backgroundColor?: string | null;
  /** URL of an image that replaces the background (fetched with CORS). Wins over colour and blur. */
  readonly backgroundImage?: string | null;
  /**
   * URL of a video that replaces the background: looped, muted, fetched with CORS. Wins over
   * image, colour and blur; the room is blurred until its first frame, and if it fails.
   */
  readonly backgroundVideo?: string | null;
  /**
   * A stream whose video replaces the background (a canvas `captureStream()`, a screen
   * capture). Wins over every other background option. Never stopped by the processor.
   */
  readonly backgroundSource?: MediaStream | null;
  /** How the background image or video fits the frame: `cover` (default), `contain` or `fill`. */
  readonly backgroundFit?: BackgroundFit | null;
  /** Segmentation model: `selfie` (default), or the URL of a compatible TFJS graph model's `model.json`. */
  readonly model?: string | null;
  /** How often segmentation runs: `auto` (default), `high`, `balanced` or `low`. */
  readonly quality?: Quality | null;
  /** Edge refinement, `0` (off) to `1` (default `0.1`). */
  readonly edgeSoftness?: number | null;
  /** Motion-adaptive temporal smoothing of the matte (default `true`). */
  readonly temporalSmoothing?: boolean | null;
  /** Light wrap over a background image, `0` (off) to `1` (default `0.3`). */
  readonly lightWrap?: number | null;
}

export interface VirtualBackgroundEventMap {
  /** The first processed frame has been drawn (the model is loaded and a mask applied). */
  ready: CustomEvent<void>;
  /** `detail: { code, message }`: see README "Errors and fallbacks". */
  error: CustomEvent<ErrorEventDetail>;
  /** Once a second: fps, inference time, backend, output size. */
  stats: CustomEvent<StatsEventDetail>;
}

const EFFECT_OPTIONS = [
  'backgroundSource',
  'backgroundVideo',
  'backgroundImage',
  'backgroundFit',
  'backgroundColor',
  'blur',
] as const satisfies readonly EffectSetting[];

/** The valid model, quality and matte settings, kept when an option is set to something invalid. */
interface Valid {
  model: ModelDescriptor;
  quality: Quality;
  edgeSoftness: number;
  temporalSmoothing: boolean;
  lightWrap: number;
}

/**
 * A virtual background over a track the caller owns, with no element and no preview: the
 * same `Session` (workers, fail-closed pipeline) and the same effect and option parsing as
 * `<virtual-bg-camera>`. Made by `createVirtualBackground()`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed listeners, see the interface below
export class VirtualBackground extends EventTarget {
  /** The output track: the same object from creation to `stop()`, through `configure()` and `setInput()`. */
  readonly track: MediaStreamTrack;

  private readonly session: Session;
  private readonly run: AbortController;
  private readonly effects: EffectResolver;
  private effectOptions: EffectAttributes;
  private readonly valid: Valid;
  private stopped = false;

  /** Use `createVirtualBackground()`. */
  private constructor(session: Session, run: AbortController, effects: EffectResolver, effectOptions: EffectAttributes, valid: Valid) {
    super();
    this.session = session;
    this.run = run;
    this.effects = effects;
    this.effectOptions = effectOptions;
    this.valid = valid;
    const track = session.track;
    if (!track) throw new VirtualBgCameraError('camera-failed', 'The pipeline made no output track.');
    this.track = track;
  }

  /** @internal Builds and starts one; see `createVirtualBackground()`. */
  static async create(input: MediaStreamTrack, options: VirtualBackgroundOptions): Promise<VirtualBackground> {
    const stream = inputStream(input);
    // The object is not the caller's until this resolves, so nobody could hear an error event:
    // an invalid option rejects instead, before any worker starts.
    const invalid: VirtualBgCameraError[] = [];
    // Past the option check, a background load that fails while the pipeline starts is
    // reported as an event once the caller has the object.
    let checked = false;
    const failedLoads: VirtualBgCameraError[] = [];
    let target: VirtualBackground | null = null;
    const events: SessionEvent[] = [];
    const session = new Session((event) => (target ? target.receive(event) : events.push(event)));
    const effects = new EffectResolver(
      (effect, background) => {
        session.setBackground(background);
        session.configure({ effect });
      },
      (error) => (target ? target.fail(error) : (checked ? failedLoads : invalid).push(error)),
      (setting) => setting,
    );
    const effectOptions = effectAttributes(NO_EFFECT, options);
    effects.update(effectOptions);
    const valid = readValid(DEFAULT_VALID, options, (error) => invalid.push(error));
    if (invalid[0]) {
      effects.dispose();
      throw invalid[0];
    }
    checked = true;
    session.configure({ model: valid.model, quality: valid.quality, matte: matte(valid) });
    await session.setInput({ kind: 'stream', stream });
    const run = new AbortController();
    try {
      await session.start(run.signal);
    } catch (error) {
      effects.dispose();
      throw typed(error);
    }
    if (!session.track) {
      // The run ended while starting (an error has been queued): nothing is left running.
      effects.dispose();
      const failure = events.find((event) => event.type === 'error');
      throw failure ? new VirtualBgCameraError(failure.code, failure.message) : new VirtualBgCameraError('camera-failed', 'The pipeline stopped while starting.');
    }
    target = new VirtualBackground(session, run, effects, effectOptions, valid);
    // Anything the session said while starting reaches listeners added right after the await
    // (a microtask would run before the caller's continuation).
    const early = events.splice(0);
    if (early.length || failedLoads.length) {
      setTimeout(() => {
        early.forEach((event) => target?.receive(event));
        failedLoads.forEach((error) => target?.fail(error));
      });
    }
    return target;
  }

  /**
   * Changes options; absent ones keep their value. An invalid value raises an `error` event
   * (`invalid-attribute`) and keeps the last valid one. The output track stays the same.
   */
  configure(options: VirtualBackgroundOptions): void {
    if (this.stopped) return;
    if (EFFECT_OPTIONS.some((name) => options[name] !== undefined)) {
      this.effectOptions = effectAttributes(this.effectOptions, options);
      this.effects.update(this.effectOptions);
    }
    const before = { ...this.valid };
    Object.assign(this.valid, readValid(this.valid, options, (error) => this.fail(error)));
    if (this.valid.model !== before.model) this.session.configure({ model: this.valid.model });
    if (this.valid.quality !== before.quality) this.session.configure({ quality: this.valid.quality });
    if (
      this.valid.edgeSoftness !== before.edgeSoftness ||
      this.valid.temporalSmoothing !== before.temporalSmoothing ||
      this.valid.lightWrap !== before.lightWrap
    ) {
      this.session.configure({ matte: matte(this.valid) });
    }
  }

  /**
   * Processes `input` from now on; the output track stays the same. The previous input is
   * not stopped (it is the caller's). Rejects, and stops, when `input` has no live video.
   */
  async setInput(input: MediaStreamTrack): Promise<void> {
    if (this.stopped) return;
    try {
      await this.session.setInput({ kind: 'stream', stream: inputStream(input) });
    } catch (error) {
      this.stop();
      throw typed(error);
    }
  }

  /**
   * Ends the output track and releases the workers, the model, the background image and a
   * background video. The input track and a `backgroundSource` are the caller's: they are
   * left running. Idempotent.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.run.abort();
    this.effects.dispose();
  }

  private receive(event: SessionEvent): void {
    switch (event.type) {
      case 'ready':
        return this.dispatch('ready', undefined);
      case 'stats':
        return this.dispatch('stats', event.stats);
      case 'error':
        // The session words this one for the element's `source`; here the input is a track.
        if (event.code === 'camera-ended') {
          return this.fail(new VirtualBgCameraError('camera-ended', 'The input track ended. Call setInput() with a live track to continue.'));
        }
        return this.fail(new VirtualBgCameraError(event.code, event.message));
      case 'stopped':
        // Ended from inside (a failed input switch): release the rest too.
        return this.stop();
      case 'track':
      case 'model-progress':
        return;
    }
  }

  private fail(error: VirtualBgCameraError): void {
    this.dispatch('error', { code: error.code, message: error.message });
  }

  private dispatch<K extends keyof VirtualBackgroundEventMap>(type: K, detail: VirtualBackgroundEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Typed listeners: `vb.addEventListener('error', (e) => e.detail.code)` type-checks. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface VirtualBackground {
  addEventListener<K extends keyof VirtualBackgroundEventMap>(
    type: K,
    listener: (this: VirtualBackground, event: VirtualBackgroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof VirtualBackgroundEventMap>(
    type: K,
    listener: (this: VirtualBackground, event: VirtualBackgroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * Processes `input` (a video track the caller owns, e.g. from `getUserMedia` or an SDK) into a
 * new track with its background blurred, painted or replaced, off the main thread.
 *
 * Resolves once the output track exists, before the model has loaded: until the first mask
 * the output is fail-closed (the whole frame blurred or painted, never the raw room), and a
 * `ready` event follows the first processed frame. Rejects with a `VirtualBgCameraError` when
 * an option is invalid, `input` is not a live video track, or the pipeline cannot start
 * (e.g. `webgl-unavailable`); nothing is left running then.
 */
export function createVirtualBackground(input: MediaStreamTrack, options: VirtualBackgroundOptions = {}): Promise<VirtualBackground> {
  return VirtualBackground.create(input, options);
}

const DEFAULT_VALID: Valid = {
  model: ATTRIBUTES.model.default,
  quality: ATTRIBUTES.quality.default,
  edgeSoftness: ATTRIBUTES.edgeSoftness.default,
  temporalSmoothing: ATTRIBUTES.temporalSmoothing.default,
  lightWrap: ATTRIBUTES.lightWrap.default,
};

/**
 * The effect options as the text the element's attributes would hold (so the same parsers read
 * them); `backgroundSource` as it is, as the element's property.
 */
function effectAttributes(previous: EffectAttributes, options: VirtualBackgroundOptions): EffectAttributes {
  const next: Record<EffectSetting, unknown> = { ...previous };
  for (const name of EFFECT_OPTIONS) {
    const value: unknown = options[name];
    if (value !== undefined) next[name] = value === null || name === 'backgroundSource' ? value : asText(value);
  }
  return next as EffectAttributes;
}

/** `previous` with the model, quality and matte options in `options` applied; an invalid one is reported and keeps its value. */
function readValid(previous: Valid, options: VirtualBackgroundOptions, fail: (error: VirtualBgCameraError) => void): Valid {
  const next = { ...previous };
  const text = (name: 'model' | 'quality', descriptor: AttributeDescriptor<unknown>): unknown => {
    const value: unknown = options[name];
    if (value === undefined) return previous[name];
    const read = readAttribute(descriptor, value === null ? null : asText(value), name);
    if ('value' in read) return read.value;
    fail(read.error);
    return previous[name];
  };
  next.model = text('model', ATTRIBUTES.model) as ModelDescriptor;
  next.quality = text('quality', ATTRIBUTES.quality) as Quality;
  const checked = <K extends 'edgeSoftness' | 'lightWrap' | 'temporalSmoothing'>(name: K, check: (value: unknown) => Valid[K] | null): Valid[K] => {
    const value: unknown = options[name];
    if (value === undefined) return previous[name];
    if (value === null) return ATTRIBUTES[name].default as Valid[K];
    const result = check(value);
    if (result !== null) return result;
    fail(invalidAttribute(ATTRIBUTES[name], value, name));
    return previous[name];
  };
  next.edgeSoftness = checked('edgeSoftness', checkUnit);
  next.lightWrap = checked('lightWrap', checkUnit);
  next.temporalSmoothing = checked('temporalSmoothing', checkSwitch);
  return next;
}

/** An option as the text an attribute would hold; anything but a string, number or boolean reads as invalid. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
  return JSON.stringify(value) ?? typeof value;
}

function matte({ edgeSoftness, temporalSmoothing, lightWrap }: Valid): MatteOptions {
  return { edgeSoftness, temporal: temporalSmoothing, lightWrap };
}

/** `input` in a stream of its own, for the session; the caller keeps ownership of the track. */
function inputStream(input: unknown): MediaStream {
  if (!(input instanceof MediaStreamTrack) || input.kind !== 'video') {
    throw new VirtualBgCameraError('camera-not-found', 'The input is not a video MediaStreamTrack.');
  }
  if (input.readyState === 'ended') throw new VirtualBgCameraError('camera-ended', 'The input track has already ended.');
  return new MediaStream([input]);
}

function typed(error: unknown): VirtualBgCameraError {
  return error instanceof VirtualBgCameraError ? error : new VirtualBgCameraError('camera-failed', errorMessage(error), { cause: error });
}
