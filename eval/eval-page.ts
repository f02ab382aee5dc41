/**
 * The evaluation page behind `npm run eval` (eval/run.mjs drives it in headless Chromium).
 * It runs the real pipeline code, the project's TfjsSegmenter and Compositor, on the shared
 * test media, and scores the final matte (the compositor's alpha at output resolution, read
 * back as grey through its debug view) against the reference alphas.
 *
 * Every configuration gets the same mask for the same frame: each frame is segmented once
 * (inference on every frame, in order) and the mask is handed to one compositor per
 * configuration, so differences come from the matte stage alone.
 */
import { SELFIE } from '../src/inference/model-descriptors.js';
import type { SegmentationMask } from '../src/inference/segmenter.js';
import { TfjsSegmenter } from '../src/inference/tfjs-segmenter.js';
import { Compositor } from '../src/render/compositor.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../src/shared/matte-options.js';
import { MATTE_TUNING } from '../src/render/matte.js';
import { boundaryF, iou } from './metrics.js';

export interface EvalParams {
  /** Photo names (NAME.png + NAME.mask.png under photos/). */
  photos: string[];
  /** Video frames to use (all by default). */
  maxFrames?: number;
  /** Override the matte options under test (defaults: DEFAULT_MATTE_OPTIONS). */
  edgeSoftness?: number;
  /** Boundary F tolerance, px. */
  tolerance: number;
  /** Overrides of the matte stage's internal constants, for sweeps. */
  tuning?: Partial<typeof MATTE_TUNING>;
  /** Photos whose mattes to return as PNG data URLs, for looking at. */
  dump?: string[];
}

async function pngDataUrl(alpha: Uint8Array, width: number, height: number): Promise<string> {
  const image = new ImageData(width, height);
  for (let i = 0; i < alpha.length; i++) image.data.set([alpha[i]!, alpha[i]!, alpha[i]!, 255], i * 4);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return `data:image/png;base64,${btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())))}`;
}

const MEDIA = '/__media__/';
/** Reference alpha change below which a pixel counts as static for flicker (8-bit levels). */
const STATIC_LEVELS = 2;

function configurations(edgeSoftness: number): Record<string, MatteOptions> {
  return {
    raw: { edgeSoftness: 0, temporal: false, lightWrap: 0 },
    refine: { edgeSoftness, temporal: false, lightWrap: 0 },
    'refine+temporal': { edgeSoftness, temporal: true, lightWrap: 0 },
  };
}

async function fetchBitmap(path: string): Promise<ImageBitmap> {
  const response = await fetch(MEDIA + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

/** The red channel of an image, 0..255, at `width`x`height`. */
function channel(source: CanvasImageSource, width: number, height: number): Uint8Array {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(source, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4]!;
  return out;
}

/** Renders `frame` through `compositor` as the grey matte and reads it back. */
function readMatte(compositor: Compositor, frame: VideoFrame): Uint8Array {
  compositor.debugMatte = true;
  compositor.render(frame);
  const matte = channel(compositor.canvas, frame.displayWidth, frame.displayHeight);
  compositor.debugMatte = false;
  return matte;
}

/** Renders the normal composite and waits for the GPU (a 1-pixel read-back), in ms. */
function timedRender(compositor: Compositor, frame: VideoFrame, gl: WebGL2RenderingContext): number {
  const started = performance.now();
  compositor.render(frame);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  return performance.now() - started;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function segment(segmenter: TfjsSegmenter, frame: VideoFrame): Promise<{ mask: SegmentationMask; ms: number }> {
  const started = performance.now();
  // The segmenter resizes to its input and closes what it is given: hand it a clone.
  const mask = await segmenter.segment(frame.clone());
  return { mask, ms: performance.now() - started };
}

/** Y4M (yuv420p) → I420 VideoFrames, in order; the browser converts with the stated BT.601 range. */
async function* y4mFrames(path: string, maxFrames: number): AsyncGenerator<VideoFrame> {
  const bytes = new Uint8Array(await (await fetch(MEDIA + path)).arrayBuffer());
  const headerEnd = bytes.indexOf(0x0a);
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd));
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  if (!/ C420/.test(header)) throw new Error(`not yuv420p: ${header}`);
  const fullRange = /XCOLORRANGE=FULL/.test(header);
  const frameSize = width * height * 1.5;
  let offset = headerEnd + 1;
  for (let index = 0; index < maxFrames && offset < bytes.length; index++) {
    offset = bytes.indexOf(0x0a, offset) + 1; // skip "FRAME[ params]\n"
    yield new VideoFrame(bytes.subarray(offset, offset + frameSize), {
      format: 'I420',
      codedWidth: width,
      codedHeight: height,
      timestamp: Math.round((index * 1e6) / 15),
      colorSpace: { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange },
    });
    offset += frameSize;
  }
}

async function run(params: EvalParams) {
  Object.assign(MATTE_TUNING, params.tuning ?? {});
  const segmenter = await TfjsSegmenter.create(SELFIE);
  const configs = configurations(params.edgeSoftness ?? DEFAULT_MATTE_OPTIONS.edgeSoftness);
  const names = Object.keys(configs);
  const compositors = await Promise.all(names.map(() => Compositor.create()));
  const gls = compositors.map((c) => c.canvas.getContext('webgl2')!);
  names.forEach((name, i) => {
    compositors[i]!.setMatteOptions(configs[name]!);
    // Blur medium: the mode that costs the most besides the matte, as in a real call.
    compositors[i]!.setEffect({ kind: 'blur', sigma720: 8 });
  });
  try {
    // Photos.
    const photos: Record<string, Record<string, { iou: number; boundaryF: number }>> = {};
    const dumps: Record<string, string> = {};
    for (const photo of params.photos) {
      const bitmap = await fetchBitmap(`photos/${photo}.png`);
      const frame = new VideoFrame(bitmap, { timestamp: 0 });
      const { width, height } = bitmap;
      const reference = channel(await fetchBitmap(`photos/${photo}.mask.png`), width, height);
      const { mask } = await segment(segmenter, frame);
      photos[photo] = {};
      for (const [i, name] of names.entries()) {
        const compositor = compositors[i]!;
        compositor.clearMask(); // a new, unrelated picture: no history
        compositor.setMask(mask);
        const alpha = readMatte(compositor, frame);
        photos[photo]![name] = { iou: iou(alpha, reference), boundaryF: boundaryF(alpha, reference, width, height, params.tolerance) };
        if (params.dump?.includes(photo)) dumps[`${photo}.${name}`] = await pngDataUrl(alpha, width, height);
      }
      frame.close();
      bitmap.close();
    }

    // Video: every frame segmented, in order; one temporal step per mask.
    for (const compositor of compositors) compositor.clearMask();
    const video = Object.fromEntries(names.map((n) => [n, { ious: [] as number[], lags: [] as number[], flickerSum: 0, flickerCount: 0, renderMs: [] as number[] }]));
    const inferenceMs: number[] = [];
    const previousAlpha: (Uint8Array | null)[] = names.map(() => null);
    let previousReference: Uint8Array | null = null;
    let index = 0;
    const pendingLag: (Uint8Array | null)[] = names.map(() => null);
    for await (const frame of y4mFrames('webcam_640x480.y4m', params.maxFrames ?? Infinity)) {
      const width = frame.displayWidth;
      const height = frame.displayHeight;
      const reference = channel(await fetchBitmap(`webcam_640x480.rvm/${String(index).padStart(4, '0')}.png`), width, height);
      const { mask, ms } = await segment(segmenter, frame);
      if (index > 0) inferenceMs.push(ms); // the first run includes warm-up
      names.forEach((name, i) => {
        const compositor = compositors[i]!;
        const stats = video[name]!;
        compositor.setMask(mask);
        const renderMs = timedRender(compositor, frame, gls[i]!);
        if (index > 0) stats.renderMs.push(renderMs);
        const alpha = readMatte(compositor, frame);
        stats.ious.push(iou(alpha, reference));
        // Lag: does the previous frame's matte fit this frame's reference better than its own?
        const before = pendingLag[i];
        if (before && previousReference) stats.lags.push(iou(before, reference) - iou(before, previousReference));
        pendingLag[i] = alpha;
        const previous = previousAlpha[i];
        if (previous && previousReference) {
          for (let p = 0; p < alpha.length; p++) {
            if (Math.abs(reference[p]! - previousReference[p]!) > STATIC_LEVELS) continue;
            stats.flickerSum += Math.abs(alpha[p]! - previous[p]!);
            stats.flickerCount++;
          }
        }
        previousAlpha[i] = alpha;
      });
      previousReference = reference;
      frame.close();
      index++;
    }

    const summary = Object.fromEntries(
      names.map((name) => {
        const stats = video[name]!;
        const photoScores = Object.values(photos).map((p) => p[name]!);
        return [
          name,
          {
            options: configs[name],
            photoIoU: mean(photoScores.map((s) => s.iou)),
            photoBoundaryF: mean(photoScores.map((s) => s.boundaryF)),
            videoIoU: mean(stats.ious),
            flicker: stats.flickerSum / Math.max(stats.flickerCount, 1) / 255,
            lag: mean(stats.lags),
            renderMs: median(stats.renderMs),
          },
        ];
      }),
    );
    return { tuning: { ...MATTE_TUNING }, frames: index, inferenceMs: median(inferenceMs), backend: segmenter.backendInfo, summary, photos, dumps };
  } finally {
    for (const compositor of compositors) compositor.destroy();
    segmenter.dispose();
  }
}

declare global {
  interface Window {
    runEval(params: EvalParams): ReturnType<typeof run>;
  }
}
window.runEval = run;
