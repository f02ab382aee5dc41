import type { BackgroundFit, Rgba } from '../../shared/effect.js';
import { QUALITIES, type Quality } from '../../shared/quality.js';

/** Named blur strengths, as Gaussian standard deviations in px at 720p (like CSS `blur()`). */
export const BLUR_PRESETS = { light: 4, medium: 8, strong: 16 } as const;

const MAX_BLUR_PX = 64;

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

export function parseFit(value: string | null): BackgroundFit | null {
  const text = (value ?? 'cover').trim().toLowerCase();
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
