import type { BackgroundSource } from '../pipeline/client/background-feed.js';
import type { BackgroundFit, Effect, Rgba } from '../shared/effect.js';
import { errorMessage } from '../shared/error-message.js';
import { VirtualBgCameraError } from '../shared/errors.js';
import { ATTRIBUTES, BLUR_PRESETS, readAttribute, type AttributeDescriptor } from './attributes.js';
import { VideoBackground, type VideoBackgroundSpec } from './video-background.js';

/**
 * The effect settings as set: attribute text (or the processor's option, as text), and the
 * `backgroundSource` property's value as it is; `null` when unset.
 */
export interface EffectAttributes {
  readonly backgroundSource: unknown;
  readonly backgroundVideo: string | null;
  readonly backgroundImage: string | null;
  readonly backgroundFit: string | null;
  readonly backgroundColor: string | null;
  readonly blur: string | null;
}

export type EffectSetting = keyof EffectAttributes;

const DESCRIPTORS = {
  backgroundFit: ATTRIBUTES.backgroundFit,
  backgroundColor: ATTRIBUTES.backgroundColor,
  blur: ATTRIBUTES.backgroundBlur,
} as const;

/** Settings by their attribute names, as the element's messages give them. */
const attributeName = (setting: EffectSetting): string => {
  if (setting === 'backgroundImage') return 'background-image';
  if (setting === 'backgroundVideo') return 'background-video';
  if (setting === 'backgroundSource') return 'backgroundSource';
  return DESCRIPTORS[setting].attribute;
};

/** Where the effect's pixels go: the effect, and the video background's frames (null: none). */
export type ApplyEffect = (effect: Effect, background: BackgroundSource | null) => void;

/** No settings at all. */
export const NO_EFFECT: EffectAttributes = {
  backgroundSource: null,
  backgroundVideo: null,
  backgroundImage: null,
  backgroundFit: null,
  backgroundColor: null,
  blur: null,
};

/**
 * Turns the effect settings into one `Effect`, by precedence source → video → image → colour →
 * blur → none: a live source is set from script on purpose, and a moving background over a
 * still one, a picture over a flat colour. Invalid values raise `invalid-attribute` and keep
 * the last valid one. A background image is fetched with CORS and decoded off the page's DOM,
 * so a refused or broken image never taints the output; while it loads, and if it fails, the
 * room is blurred instead of shown. A video background (`VideoBackground`) likewise: blurred
 * until its first frame reaches the pipeline, and if it fails.
 *
 * The one implementation for the element (through its `EffectController`) and the headless
 * processor; only the names its messages give differ.
 */
export class EffectResolver {
  private fit: BackgroundFit = 'cover';
  private color: Rgba | null = null;
  private blur: number | null = null;
  private imageUrl: string | null = null;
  private image: ImageBitmap | null = null;
  private imageState: 'none' | 'loading' | 'ready' | 'failed' = 'none';
  private imageLoad: AbortController | null = null;
  private source: MediaStream | null = null;
  private video: VideoBackground | null = null;
  private seen: EffectAttributes = NO_EFFECT;
  /** The settings last asked for, to start again what `cancelLoad()` abandoned. */
  private asked: EffectAttributes = NO_EFFECT;

  constructor(
    private readonly apply: ApplyEffect,
    private readonly onError: (error: VirtualBgCameraError) => void,
    /** The name of a setting in error messages. */
    private readonly name: (setting: EffectSetting) => string = attributeName,
  ) {}

  /** Reads the settings that changed since the last call and applies the resulting effect. */
  update(attributes: EffectAttributes): void {
    const previous = this.seen;
    this.seen = attributes;
    this.asked = attributes;
    if (attributes.backgroundFit !== previous.backgroundFit) this.fit = this.read('backgroundFit', attributes.backgroundFit, this.fit);
    if (attributes.backgroundColor !== previous.backgroundColor) {
      this.color = this.read('backgroundColor', attributes.backgroundColor, this.color);
    }
    if (attributes.blur !== previous.blur) this.blur = this.read('blur', attributes.blur, this.blur);
    if (attributes.backgroundImage !== previous.backgroundImage) this.loadImage(attributes.backgroundImage);
    if (attributes.backgroundSource !== previous.backgroundSource) this.source = this.readSource(attributes.backgroundSource);
    if (attributes.backgroundSource !== previous.backgroundSource || attributes.backgroundVideo !== previous.backgroundVideo) {
      this.loadVideo(attributes.backgroundVideo);
    }
    this.applyCurrent();
  }

  /** The effect the settings ask for now. */
  current(): Effect {
    const sigma720 = this.blur ?? BLUR_PRESETS.medium;
    const fallbackBlur: Effect = { kind: 'blur', sigma720 };
    if (this.video) return this.video.state === 'ready' ? { kind: 'video', fit: this.fit, sigma720 } : fallbackBlur;
    if (this.imageUrl) {
      if (this.imageState === 'ready' && this.image) return { kind: 'image', image: this.image, fit: this.fit };
      if (this.imageState === 'failed') return fallbackBlur;
      // Loading: a colour or blur the user also set, else a blur; never the raw room.
      return this.color ? { kind: 'color', rgba: this.color } : fallbackBlur;
    }
    if (this.color) return { kind: 'color', rgba: this.color };
    if (this.blur) return fallbackBlur;
    return { kind: 'none' };
  }

  /**
   * Abandons an image load in flight and stops a video background (a clip would go on
   * playing unseen), forgetting their settings, so `resume()` starts them again (a load cut
   * short would otherwise leave the image missing for good).
   */
  cancelLoad(): void {
    if (this.video) {
      this.video.dispose();
      this.video = null;
      this.seen = { ...this.seen, backgroundVideo: null, backgroundSource: null };
      this.source = null;
    }
    if (this.imageState !== 'loading') return;
    this.imageLoad?.abort();
    this.seen = { ...this.seen, backgroundImage: null };
    this.imageUrl = null;
    this.imageState = 'none';
  }

  /** Starts again what `cancelLoad()` abandoned. */
  resume(): void {
    if (this.seen !== this.asked) this.update(this.asked);
  }

  /** Abandons any load and releases the decoded image and a video background. Nothing is applied afterwards. */
  dispose(): void {
    this.imageLoad?.abort();
    this.imageLoad = null;
    this.image?.close();
    this.image = null;
    this.video?.dispose();
    this.video = null;
  }

  private applyCurrent(): void {
    this.apply(this.current(), this.video?.state === 'ready' ? this.video.source : null);
  }

  /** `backgroundSource` as set: a stream, or null; anything else raises `invalid-attribute` and keeps the last one. */
  private readSource(value: unknown): MediaStream | null {
    if (value === null || value === undefined || value instanceof MediaStream) return value ?? null;
    this.onError(
      new VirtualBgCameraError('invalid-attribute', `${this.name('backgroundSource')} is not a MediaStream; keeping the last valid value.`),
    );
    return this.source;
  }

  /** Starts the video background the settings name (`backgroundSource` over `backgroundVideo`), unless it is the one playing. */
  private loadVideo(videoUrl: string | null): void {
    const url = videoUrl?.trim();
    const spec: VideoBackgroundSpec | null = this.source ? { kind: 'stream', stream: this.source } : url ? { kind: 'url', url } : null;
    if (spec && this.video?.is(spec)) return;
    this.video?.dispose();
    this.video = null;
    if (!spec) return;
    const video = new VideoBackground(spec, (error) => {
      if (this.video !== video) return;
      this.applyCurrent();
      if (!error) return;
      const setting = spec.kind === 'url' ? this.name('backgroundVideo') : this.name('backgroundSource');
      const what = spec.kind === 'url' ? `${setting} "${videoUrl}" could not be played` : `${setting} cannot be used`;
      this.onError(new VirtualBgCameraError('background-load-failed', `${what} (${error.message}); blurring instead.`, { cause: error }));
    });
    this.video = video;
  }

  private loadImage(url: string | null): void {
    this.imageLoad?.abort();
    this.imageLoad = null;
    this.image?.close();
    this.image = null;
    this.imageUrl = url?.trim() || null;
    this.imageState = this.imageUrl ? 'loading' : 'none';
    if (!this.imageUrl) return;
    const load = new AbortController();
    this.imageLoad = load;
    fetchImage(this.imageUrl, load.signal).then(
      (image) => {
        if (load.signal.aborted) return image.close();
        this.image = image;
        this.imageState = 'ready';
        this.applyCurrent();
      },
      (error: unknown) => {
        if (load.signal.aborted) return;
        this.imageState = 'failed';
        this.applyCurrent();
        this.onError(
          new VirtualBgCameraError(
            'background-load-failed',
            `${this.name('backgroundImage')} "${url}" could not be loaded (${errorMessage(error)}); blurring instead.`,
            { cause: error },
          ),
        );
      },
    );
  }

  /** `value` read by the setting's descriptor; when invalid, raises `invalid-attribute` and keeps `last`. */
  private read<K extends keyof typeof DESCRIPTORS, T>(setting: K, value: string | null, last: T): T {
    const descriptor = DESCRIPTORS[setting] as AttributeDescriptor<unknown> as AttributeDescriptor<T>;
    const read = readAttribute(descriptor, value, this.name(setting));
    if ('value' in read) return read.value;
    this.onError(read.error);
    return last;
  }
}

async function fetchImage(url: string, signal: AbortSignal): Promise<ImageBitmap> {
  const response = await fetch(url, { mode: 'cors', credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}
