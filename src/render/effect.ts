import type { BackgroundFit } from '../shared/effect.js';

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
