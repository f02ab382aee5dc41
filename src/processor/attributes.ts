import { modelFromAttribute, SELFIE } from '../inference/model-descriptors.js';
import type { BackgroundFit, Rgba } from '../shared/effect.js';
import { VirtualBgCameraError } from '../shared/errors.js';
import { DEFAULT_MATTE_OPTIONS } from '../shared/matte-options.js';
import type { ModelDescriptor } from '../shared/model.js';
import { QUALITIES, type Quality } from '../shared/quality.js';

/**
 * How one attribute (or the headless processor's option of the same name) is read: the element,
 * its effect controller and the processor check every value through these.
 */
export interface AttributeDescriptor<T, V = string> {
  /** The attribute's name, as the error message gives it. */
  readonly attribute: string;
  /** The setting for a value that was set (attribute text, or the property's value); `null` when invalid. */
  readonly parse: (value: V) => T | null;
  /** The setting while the attribute is absent. */
  readonly default: T;
  /** What a valid value looks like, for the error message. */
  readonly expected: string;
}

const descriptor = <T, V = string>(d: AttributeDescriptor<T, V>) => d;

/** Every attribute whose value is checked, by property name. */
export const ATTRIBUTES = {
  width: descriptor({ attribute: 'width', parse: (v: number) => parsePositive(v, 7680), default: 640, expected: 'a width in px' }),
  height: descriptor({ attribute: 'height', parse: (v: number) => parsePositive(v, 4320), default: 480, expected: 'a height in px' }),
  /** 0: the camera's default. */
  frameRate: descriptor({ attribute: 'frame-rate', parse: (v: number) => parsePositive(v, 240), default: 0, expected: 'frames per second' }),
  deviceId: descriptor({ attribute: 'device-id', parse: (v) => v.trim() || null, default: '', expected: 'a device id' }),
  facingMode: descriptor({ attribute: 'facing-mode', parse: parseFacingMode, default: '', expected: 'user, environment, left or right' }),
  quality: descriptor<Quality>({ attribute: 'quality', parse: parseQuality, default: 'auto', expected: 'auto, high, balanced or low' }),
  model: descriptor<ModelDescriptor>({
    attribute: 'model',
    parse: modelFromAttribute,
    default: SELFIE,
    expected: 'selfie or a model.json URL (the Meet "landscape" model is not bundled, as its licence is disputed: host it and give its URL)',
  }),
  edgeSoftness: descriptor({ attribute: 'edge-softness', parse: parseUnit, default: DEFAULT_MATTE_OPTIONS.edgeSoftness, expected: 'a number from 0 (off) to 1' }),
  temporalSmoothing: descriptor({ attribute: 'temporal-smoothing', parse: parseSwitch, default: DEFAULT_MATTE_OPTIONS.temporal, expected: 'on or off' }),
  lightWrap: descriptor({ attribute: 'light-wrap', parse: parseUnit, default: DEFAULT_MATTE_OPTIONS.lightWrap, expected: 'a number from 0 (off) to 1' }),
  backgroundFit: descriptor<BackgroundFit>({ attribute: 'background-fit', parse: parseFit, default: 'cover', expected: 'cover, contain or fill' }),
  backgroundColor: descriptor<Rgba | null>({ attribute: 'background-color', parse: parseColor, default: null, expected: 'a CSS colour' }),
  backgroundBlur: descriptor<number | null>({ attribute: 'blur', parse: parseBlur, default: null, expected: 'light, medium, strong or a px value up to 64' }),
};

/** The `invalid-attribute` error for `value`: the same words for every attribute. */
export function invalidAttribute(
  descriptor: AttributeDescriptor<unknown, never>,
  value: unknown,
  /** The name the message gives: the attribute's, or the processor's option name. */
  name: string = descriptor.attribute,
): VirtualBgCameraError {
  return new VirtualBgCameraError(
    'invalid-attribute',
    `${name}="${String(value)}" is not valid (expected ${descriptor.expected}); keeping the last valid value.`,
  );
}

/** `value` read by `descriptor`: the default when unset, else the parsed value, else the error to raise (keep the last valid value then). */
export function readAttribute<T, V>(
  descriptor: AttributeDescriptor<T, V>,
  value: V | null | undefined,
  name?: string,
): { readonly value: T } | { readonly error: VirtualBgCameraError } {
  if (value === null || value === undefined) return { value: descriptor.default };
  const parsed = descriptor.parse(value);
  return parsed !== null ? { value: parsed } : { error: invalidAttribute(descriptor, value, name) };
}

/** A number 0..1 (`edge-softness`, `light-wrap`) set from script: a number, or its text. `null` when invalid. */
export function checkUnit(value: unknown): number | null {
  if (typeof value === 'number') return value >= 0 && value <= 1 ? value : null;
  return typeof value === 'string' ? parseUnit(value) : null;
}

/** An on/off switch (`temporal-smoothing`) set from script: a boolean, or its text. `null` when invalid. */
export function checkSwitch(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : typeof value === 'string' ? parseSwitch(value) : null;
}

/** A number 0..1 as attribute text that `parseUnit` reads back: no exponent (`1e-7` → `0.0000001`). */
export function formatUnit(value: number | null): string | null {
  if (value === null) return null;
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

/** Named blur strengths, as Gaussian standard deviations in px at 720p (like CSS `blur()`). */
export const BLUR_PRESETS = { light: 4, medium: 8, strong: 16 } as const;

/** The largest px value `blur` takes. */
export const MAX_BLUR_PX = 64;

/** `light` | `medium` | `strong` | a px value at 720p (`12` or `12px`). `null` when invalid. */
export function parseBlur(value: string): number | null {
  const text = value.trim().toLowerCase();
  if (text in BLUR_PRESETS) return BLUR_PRESETS[text as keyof typeof BLUR_PRESETS];
  const match = /^(\d+(?:\.\d+)?)(px)?$/.exec(text);
  if (!match) return null;
  const px = Number(match[1]);
  return px > 0 && px <= MAX_BLUR_PX ? px : null;
}

let colorContext: OffscreenCanvasRenderingContext2D | null = null;

/** Any CSS colour → straight-alpha RGBA in 0..1. `null` when it is not a colour. */
export function parseColor(value: string): Rgba | null {
  if (!value.trim() || !CSS.supports('color', value)) return null;
  // Keywords that depend on the page (currentcolor, system colours) resolve against nothing here.
  colorContext ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
  if (!colorContext) return null;
  colorContext.clearRect(0, 0, 1, 1);
  colorContext.fillStyle = '#000';
  colorContext.fillStyle = value;
  colorContext.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = colorContext.getImageData(0, 0, 1, 1).data;
  return [r! / 255, g! / 255, b! / 255, a! / 255];
}

export function parseFit(value: string): BackgroundFit | null {
  const text = value.trim().toLowerCase();
  return text === 'cover' || text === 'contain' || text === 'fill' ? text : null;
}

const FACING_MODES = ['user', 'environment', 'left', 'right'];

/** A camera size or rate: a positive, finite number up to `max`. `null` when invalid. */
export function parsePositive(value: number | null, max: number): number | null {
  return value !== null && Number.isFinite(value) && value > 0 && value <= max ? value : null;
}

export function parseFacingMode(value: string): string | null {
  const text = value.trim().toLowerCase();
  return FACING_MODES.includes(text) ? text : null;
}

/** `auto` | `high` | `balanced` | `low`. `null` when invalid. */
export function parseQuality(value: string): Quality | null {
  const text = value.trim().toLowerCase();
  return (QUALITIES as readonly string[]).includes(text) ? (text as Quality) : null;
}

/** `edge-softness`: a number from 0 (refinement off) to 1. `null` when invalid. */
export function parseUnit(value: string): number | null {
  const text = value.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const number = Number(text);
  return number >= 0 && number <= 1 ? number : null;
}

/** A switch that defaults to on: `on`, `true` or empty turn it on; `off` or `false` off. `null` when invalid. */
export function parseSwitch(value: string): boolean | null {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'on' || text === 'true') return true;
  if (text === 'off' || text === 'false') return false;
  return null;
}
