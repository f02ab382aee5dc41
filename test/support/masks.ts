import type { SegmentationMask } from '../../src/inference/segmenter.js';

/**
 * Samples a model-resolution mask at every pixel of a `width`x`height` image, bilinearly,
 * with the same stretch the compositor uses (mask uv 0..1 spans the whole frame).
 * Returns probabilities 0..1.
 */
export function maskToImage(mask: SegmentationMask, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const at = (x: number, y: number) => mask.data[y * mask.width + x]! / 255;
  for (let y = 0; y < height; y++) {
    // Texel centres, as the GPU's linear filter places them.
    const v = Math.min(Math.max(((y + 0.5) / height) * mask.height - 0.5, 0), mask.height - 1);
    const y0 = Math.floor(v);
    const y1 = Math.min(y0 + 1, mask.height - 1);
    const fy = v - y0;
    for (let x = 0; x < width; x++) {
      const u = Math.min(Math.max(((x + 0.5) / width) * mask.width - 0.5, 0), mask.width - 1);
      const x0 = Math.floor(u);
      const x1 = Math.min(x0 + 1, mask.width - 1);
      const fx = u - x0;
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** Intersection over union of `probabilities > 0.5` against a reference alpha image (> 127). */
export function iou(probabilities: Float32Array, reference: ImageData): number {
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const predicted = probabilities[i]! > 0.5;
    const truth = reference.data[i * 4]! > 127;
    if (predicted && truth) intersection++;
    if (predicted || truth) union++;
  }
  return union ? intersection / union : 1;
}

/** Pixels (indices) inside the reference person (> 127) at least `margin` px from its edge, every `step`th. */
export function coreInside(reference: ImageData, margin: number, step = 3): number[] {
  const { width, height, data } = reference;
  const person = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && data[(y * width + x) * 4]! > 127;
  const core: number[] = [];
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      let inside = person(x, y);
      for (let d = -margin; inside && d <= margin; d += 2) {
        inside = person(x + d, y - margin) && person(x + d, y + margin) && person(x - margin, y + d) && person(x + margin, y + d);
      }
      if (inside) core.push(y * width + x);
    }
  }
  return core;
}

/** Pixels (indices) outside the reference person (> 127) whose distance to it is in [near, far] px (Chebyshev). */
export function ringOutside(reference: ImageData, near: number, far: number): number[] {
  const { width, height, data } = reference;
  const person = (x: number, y: number) => data[(y * width + x) * 4]! > 127;
  const ring: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (person(x, y)) continue;
      let distance = Infinity;
      for (let dy = -far; dy <= far && distance > near; dy++) {
        for (let dx = -far; dx <= far; dx++) {
          const px = x + dx;
          const py = y + dy;
          if (px < 0 || py < 0 || px >= width || py >= height || !person(px, py)) continue;
          distance = Math.min(distance, Math.max(Math.abs(dx), Math.abs(dy)));
        }
      }
      if (distance >= near && distance <= far) ring.push(y * width + x);
    }
  }
  return ring;
}
