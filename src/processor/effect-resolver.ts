import type { BackgroundFit, Effect, Rgba } from '../shared/effect.js';
import { errorMessage } from '../shared/error-message.js';
import { VirtualBgCameraError } from '../shared/errors.js';
import { ATTRIBUTES, BLUR_PRESETS, readAttribute, type AttributeDescriptor } from './attributes.js';

/** The effect settings as set: attribute text (or the processor's option, as text); `null` when unset. */
export interface EffectAttributes {
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
const attributeName = (setting: EffectSetting): string =>
  setting === 'backgroundImage' ? 'background-image' : DESCRIPTORS[setting].attribute;

/**
 * Turns the effect settings into one `Effect`, by precedence image → colour → blur → none.
 * Invalid values raise `invalid-attribute` and keep the last valid one. A background image is
 * fetched with CORS and decoded off the page's DOM, so a refused or broken image never taints
 * the output; while it loads, and if it fails, the room is blurred instead of shown.
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
  private seen: EffectAttributes = { backgroundImage: null, backgroundFit: null, backgroundColor: null, blur: null };

  constructor(
    private readonly apply: (effect: Effect) => void,
    private readonly onError: (error: VirtualBgCameraError) => void,
    /** The name of a setting in error messages. */
    private readonly name: (setting: EffectSetting) => string = attributeName,
  ) {}

  /** Reads the settings that changed since the last call and applies the resulting effect. */
  update(attributes: EffectAttributes): void {
    const previous = this.seen;
    this.seen = attributes;
    if (attributes.backgroundFit !== previous.backgroundFit) this.fit = this.read('backgroundFit', attributes.backgroundFit, this.fit);
    if (attributes.backgroundColor !== previous.backgroundColor) {
      this.color = this.read('backgroundColor', attributes.backgroundColor, this.color);
    }
    if (attributes.blur !== previous.blur) this.blur = this.read('blur', attributes.blur, this.blur);
    if (attributes.backgroundImage !== previous.backgroundImage) this.loadImage(attributes.backgroundImage);
    this.apply(this.current());
  }

  /** The effect the settings ask for now. */
  current(): Effect {
    const fallbackBlur: Effect = { kind: 'blur', sigma720: this.blur ?? BLUR_PRESETS.medium };
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
   * Abandons an image load in flight and forgets its URL, so the next `update()` with the same
   * URL starts it again (a load cut short would otherwise leave the image missing for good).
   */
  cancelLoad(): void {
    if (this.imageState !== 'loading') return;
    this.imageLoad?.abort();
    this.seen = { ...this.seen, backgroundImage: null };
    this.imageUrl = null;
    this.imageState = 'none';
  }

  /** Abandons any load and releases the decoded image. Nothing is applied afterwards. */
  dispose(): void {
    this.imageLoad?.abort();
    this.imageLoad = null;
    this.image?.close();
    this.image = null;
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
        this.apply(this.current());
      },
      (error: unknown) => {
        if (load.signal.aborted) return;
        this.imageState = 'failed';
        this.apply(this.current());
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
