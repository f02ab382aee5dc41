import type { Rgba } from './filters/composite/index.js';

export type BackgroundFit = 'cover' | 'contain' | 'fill';

/** What replaces the background. Built from the element's attributes by precedence. */
export type Effect =
  | { readonly kind: 'none' }
  /** `sigma720`: Gaussian standard deviation in px at 720p, scaled to the frame height. */
  | { readonly kind: 'blur'; readonly sigma720: number }
  /** A colour; one with alpha < 1 tints a blurred room, never the raw one. */
  | { readonly kind: 'color'; readonly rgba: Rgba }
  | { readonly kind: 'image'; readonly image: ImageBitmap; readonly fit: BackgroundFit };

/** The blur under a translucent colour or around a `contain`-fitted image. */
export const BASE_BLUR_SIGMA_720 = 12;

/**
 * Maps frame uv to image uv for a fit: `[scaleX, scaleY, offsetX, offsetY]`, where
 * image uv = frame uv * scale + offset. Outside [0, 1] there is no image (contain's bars).
 */
export function imageTransform(
  fit: BackgroundFit,
  frameWidth: number,
  frameHeight: number,
  imageWidth: number,
  imageHeight: number,
): [number, number, number, number] {
  if (fit === 'fill') return [1, 1, 0, 0];
  const pick = fit === 'cover' ? Math.max : Math.min;
  const scale = pick(frameWidth / imageWidth, frameHeight / imageHeight);
  const scaleX = frameWidth / (imageWidth * scale);
  const scaleY = frameHeight / (imageHeight * scale);
  return [scaleX, scaleY, (1 - scaleX) / 2, (1 - scaleY) / 2];
}
