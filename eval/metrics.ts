/**
 * Mask metrics shared by `npm run eval` and `npm run eval:models`, so both report the same
 * IoU and boundary F (the definitions are in the README, "Matte quality"). Alphas are bytes,
 * one per pixel, person above 127.
 */

/** Boundary F tolerance, px (`npm run eval` takes it from eval/run.mjs, the same 3). */
export const BOUNDARY_TOLERANCE = 3;

/** Intersection over union at alpha > 127. */
export function iou(alpha: Uint8Array, reference: Uint8Array): number {
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]! > 127;
    const r = reference[i]! > 127;
    if (a && r) intersection++;
    if (a || r) union++;
  }
  return union ? intersection / union : 1;
}

/**
 * Frame-to-frame change of an alpha: the sum of |alpha − previous| (0..255) over the pixels
 * `counted` accepts (all by default), and how many it accepted. Flicker is sum / count / 255,
 * over a whole sequence: 0 for a matte that holds still, 1 for one that flips every pixel.
 */
export function alphaChange(alpha: Uint8Array, previous: Uint8Array, counted?: (pixel: number) => boolean): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let p = 0; p < alpha.length; p++) {
    if (counted && !counted(p)) continue;
    sum += Math.abs(alpha[p]! - previous[p]!);
    count++;
  }
  return { sum, count };
}

/** Foreground pixels (> 127) with a 4-neighbour in the background: the inner boundary. */
function boundary(alpha: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(alpha.length);
  const fg = (x: number, y: number) => x < 0 || y < 0 || x >= width || y >= height || alpha[y * width + x]! > 127;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!fg(x, y)) continue;
      if (!fg(x - 1, y) || !fg(x + 1, y) || !fg(x, y - 1) || !fg(x, y + 1)) out[y * width + x] = 1;
    }
  }
  return out;
}

/** Square dilation by `radius` (Chebyshev distance), separable: along x, then along y. */
function dilate(map: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return dilateAlong(dilateAlong(map, width, height, radius, 1, 0), width, height, radius, 0, 1);
}

/** One pass of the dilation, along (dx, dy) = (1, 0) or (0, 1). */
function dilateAlong(map: Uint8Array, width: number, height: number, radius: number, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(map.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let on = 0;
      for (let d = -radius; d <= radius && !on; d++) {
        const px = x + d * dx;
        const py = y + d * dy;
        if (px >= 0 && px < width && py >= 0 && py < height) on = map[py * width + px]!;
      }
      out[y * width + x] = on;
    }
  }
  return out;
}

/**
 * Boundary F-measure: precision = share of predicted boundary pixels within `tolerance` px
 * (Chebyshev) of a reference boundary pixel; recall = the same the other way round.
 */
export function boundaryF(alpha: Uint8Array, reference: Uint8Array, width: number, height: number, tolerance: number): number {
  const predicted = boundary(alpha, width, height);
  const truth = boundary(reference, width, height);
  const nearTruth = dilate(truth, width, height, tolerance);
  const nearPredicted = dilate(predicted, width, height, tolerance);
  let predictedCount = 0;
  let predictedHits = 0;
  let truthCount = 0;
  let truthHits = 0;
  for (let i = 0; i < alpha.length; i++) {
    if (predicted[i]) (predictedCount++, (predictedHits += nearTruth[i]!));
    if (truth[i]) (truthCount++, (truthHits += nearPredicted[i]!));
  }
  const precision = predictedCount ? predictedHits / predictedCount : 1;
  const recall = truthCount ? truthHits / truthCount : 1;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}
