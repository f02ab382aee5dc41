// Browser side of `npm run eval:models` (eval/models.mjs drives it through puppeteer).
// Runs one candidate model over the shared photos on the TFJS WASM backend, exactly as the
// element would feed it (browser resize to the model's input, stretched), and scores the
// person mask at photo resolution against the reference masks.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { ModelDescriptor } from '../src/shared/model.js';
import type { BackendInfo, SegmentationMask } from '../src/inference/segmenter.js';
import { TfjsSegmenter } from '../src/inference/tfjs-segmenter.js';
import { initWasmBackend } from '../src/inference/wasm-backend.js';
import { maskToImage } from '../test/support/masks.js';
import { BOUNDARY_TOLERANCE, boundaryF, iou } from './metrics.js';

/** The frame at the model's input size, shrunk as the segmenter does it (so timings cover the model, not the resize). */
const resizeForModel = (source: ImageBitmap, width: number, height: number) =>
  createImageBitmap(source, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });

/** A graph model the element could load as it is. */
export interface GraphSpec {
  readonly kind: 'graph';
  readonly modelUrl: string;
  readonly inputRange: readonly [number, number];
}

/** What eval/models.mjs asks the page to evaluate. */
export type CandidateSpec =
  | GraphSpec
  /** Mean of the parts' probabilities, each stretched back to the photo. */
  | { readonly kind: 'fused'; readonly parts: readonly GraphSpec[] }
  /** Horizontal-flip test-time augmentation: mean of the model on the frame and on its mirror image. */
  | { readonly kind: 'flip'; readonly part: GraphSpec }
  /** Robust Video Matting with zero recurrent state: a single-frame adapter. */
  | { readonly kind: 'rvm'; readonly modelUrl: string; readonly longSide: number; readonly downsampleRatio: number };

export interface PhotoScore {
  readonly name: string;
  readonly iou: number;
  readonly boundaryF: number;
}

export interface CandidateResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly input?: string;
  readonly backend?: BackendInfo;
  readonly crossOriginIsolated?: boolean;
  readonly photos?: readonly PhotoScore[];
  readonly meanIou?: number;
  readonly meanBoundaryF?: number;
}

/** One way of turning a photo into person probabilities at photo resolution. */
interface Predictor {
  readonly input: string;
  /** Person probability per photo pixel, 0..1. */
  predict(photo: ImageBitmap): Promise<Float32Array>;
  /** The timed part: what runs per camera frame once the frame is at model size. */
  time(photo: ImageBitmap): Promise<number>;
  dispose(): void;
}

const media = (path: string) => `/__media__/${path}`;

async function loadBitmap(path: string): Promise<ImageBitmap> {
  const response = await fetch(media(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

function imageData(source: CanvasImageSource, width: number, height: number): ImageData {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  context.drawImage(source, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

function mirrorMask(mask: SegmentationMask): SegmentationMask {
  const data = new Uint8Array(mask.data.length);
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) data[row + x] = mask.data[row + mask.width - 1 - x]!;
  }
  return { ...mask, data };
}

/** The frame mirrored left-right, at the given size. */
async function mirrored(frame: ImageBitmap, width: number, height: number): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.setTransform(-1, 0, 0, 1, width, 0);
  context.drawImage(frame, 0, 0, width, height);
  return createImageBitmap(canvas);
}

function average(maps: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(maps[0]!.length);
  for (const map of maps) for (let i = 0; i < out.length; i++) out[i]! += map[i]! / maps.length;
  return out;
}

async function segmenterFor(spec: GraphSpec): Promise<TfjsSegmenter> {
  const modelUrl = new URL(spec.modelUrl, location.href).href;
  const descriptor: ModelDescriptor = { name: modelUrl, modelUrl, inputRange: spec.inputRange };
  return TfjsSegmenter.create(descriptor);
}

async function graphPredictor(spec: GraphSpec): Promise<Predictor> {
  const segmenter = await segmenterFor(spec);
  const { inputWidth: w, inputHeight: h } = segmenter;
  return {
    input: `${w}x${h}`,
    async predict(photo) {
      return maskToImage(await segmenter.segment(await resizeForModel(photo, w, h)), photo.width, photo.height);
    },
    async time(photo) {
      const frame = await resizeForModel(photo, w, h);
      const start = performance.now();
      await segmenter.segment(frame);
      return performance.now() - start;
    },
    dispose: () => segmenter.dispose(),
  };
}

async function fusedPredictor(parts: readonly GraphSpec[]): Promise<Predictor> {
  const members = await Promise.all(parts.map(graphPredictor));
  return {
    input: members.map((m) => m.input).join(' + '),
    async predict(photo) {
      const maps: Float32Array[] = [];
      for (const member of members) maps.push(await member.predict(photo));
      return average(maps);
    },
    async time(photo) {
      let total = 0;
      for (const member of members) total += await member.time(photo);
      return total;
    },
    dispose: () => members.forEach((m) => m.dispose()),
  };
}

async function flipPredictor(spec: GraphSpec): Promise<Predictor> {
  const segmenter = await segmenterFor(spec);
  const { inputWidth: w, inputHeight: h } = segmenter;
  const both = async (frame: ImageBitmap) => {
    const flipped = await mirrored(frame, w, h);
    const straight = await segmenter.segment(frame);
    const back = mirrorMask(await segmenter.segment(flipped));
    return [straight, back] as const;
  };
  return {
    input: `${w}x${h} x2`,
    async predict(photo) {
      const masks = await both(await resizeForModel(photo, w, h));
      return average(masks.map((m) => maskToImage(m, photo.width, photo.height)));
    },
    async time(photo) {
      // The mirror is drawn outside the timed part, as a GPU pass would make it for free.
      const frame = await resizeForModel(photo, w, h);
      const flipped = await mirrored(frame, w, h);
      const start = performance.now();
      await segmenter.segment(frame);
      await segmenter.segment(flipped);
      return performance.now() - start;
    },
    dispose: () => segmenter.dispose(),
  };
}

/**
 * RVM takes a frame of any size plus four recurrent states and a downsample ratio, and
 * returns foreground, alpha and the next states. With zero states (what its authors pass
 * on the first frame) it is a single-frame matting model; the alpha is the mask.
 */
async function rvmPredictor(modelUrl: string, longSide: number, downsampleRatio: number): Promise<Predictor> {
  const model = await loadGraphModel(new URL(modelUrl, location.href).href);
  const sizeFor = (photo: ImageBitmap) => {
    const scale = longSide / Math.max(photo.width, photo.height);
    // Multiples of 16 keep every stride of the encoder whole.
    return [Math.max(16, Math.round((photo.width * scale) / 16) * 16), Math.max(16, Math.round((photo.height * scale) / 16) * 16)] as const;
  };
  const run = async (frame: ImageBitmap) => {
    const zero = tf.scalar(0);
    const ratio = tf.scalar(downsampleRatio);
    const src = tf.tidy(() => tf.expandDims(tf.div(tf.cast(tf.browser.fromPixels(frame, 3), 'float32'), 255), 0));
    try {
      const outputs = (await model.executeAsync(
        { src, r1i: zero, r2i: zero, r3i: zero, r4i: zero, downsample_ratio: ratio },
        ['Identity_1:0', 'Identity_2:0', 'Identity_3:0', 'Identity_4:0', 'Identity_5:0', 'Identity:0'],
      )) as tf.Tensor[];
      const alpha = outputs[0]!;
      const data = (await alpha.data()) as Float32Array;
      tf.dispose(outputs);
      const mask = new Uint8Array(frame.width * frame.height);
      for (let i = 0; i < mask.length; i++) mask[i] = Math.min(1, Math.max(0, data[i]!)) * 255 + 0.5;
      return { data: mask, width: frame.width, height: frame.height };
    } finally {
      tf.dispose([zero, ratio, src]);
      frame.close();
    }
  };
  return {
    input: `long side ${longSide}, ratio ${downsampleRatio}`,
    async predict(photo) {
      const [w, h] = sizeFor(photo);
      return maskToImage(await run(await resizeForModel(photo, w, h)), photo.width, photo.height);
    },
    async time(photo) {
      const [w, h] = sizeFor(photo);
      const frame = await resizeForModel(photo, w, h);
      const start = performance.now();
      await run(frame);
      return performance.now() - start;
    },
    dispose: () => model.dispose(),
  };
}

/** The prediction and the reference as alpha bytes (person > 127), for the shared metrics. */
function alphas(probabilities: Float32Array, reference: ImageData): { predicted: Uint8Array; truth: Uint8Array } {
  const predicted = new Uint8Array(probabilities.length);
  const truth = new Uint8Array(probabilities.length);
  for (let i = 0; i < predicted.length; i++) {
    predicted[i] = probabilities[i]! > 0.5 ? 255 : 0;
    truth[i] = reference.data[i * 4]!;
  }
  return { predicted, truth };
}

async function predictorFor(spec: CandidateSpec): Promise<Predictor> {
  switch (spec.kind) {
    case 'graph':
      return graphPredictor(spec);
    case 'fused':
      return fusedPredictor(spec.parts);
    case 'flip':
      return flipPredictor(spec.part);
    case 'rvm':
      return rvmPredictor(spec.modelUrl, spec.longSide, spec.downsampleRatio);
  }
}


const open = new Map<string, Predictor>();
const photoCache = new Map<string, ImageBitmap>();

/**
 * An image to score: a shared photo by name, or `webcam/NNNN`, a frame of the webcam clip
 * (the driver decodes it to RGBA 640x480).
 */
async function photo(name: string): Promise<ImageBitmap> {
  let bitmap = photoCache.get(name);
  if (!bitmap) {
    if (name.startsWith('webcam/')) {
      const response = await fetch(`/__webcam__/${name.slice('webcam/'.length)}`);
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      const pixels = new Uint8ClampedArray(await response.arrayBuffer());
      bitmap = await createImageBitmap(new ImageData(pixels, 640, 480));
    } else bitmap = await loadBitmap(`photos/${name}.png`);
    photoCache.set(name, bitmap);
  }
  return bitmap;
}

/** Its reference mask: the photo's RVM alpha, or the clip's per-frame RVM alpha. */
const referencePath = (name: string) =>
  name.startsWith('webcam/') ? `webcam_640x480.rvm/${name.slice('webcam/'.length)}.png` : `photos/${name}.mask.png`;

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Loads a candidate under `key` and scores it on every photo. */
async function evaluate(key: string, spec: CandidateSpec, photos: readonly string[]): Promise<CandidateResult> {
  const backend = { ...(await initWasmBackend()), crossOriginIsolated };
  let predictor: Predictor;
  try {
    predictor = await predictorFor(spec);
  } catch (error) {
    return { ok: false, error: describe(error), backend };
  }
  try {
    const scores: PhotoScore[] = [];
    for (const name of photos) {
      const image = await photo(name);
      const referenceBitmap = await loadBitmap(referencePath(name));
      const reference = imageData(referenceBitmap, image.width, image.height);
      referenceBitmap.close();
      const { predicted, truth } = alphas(await predictor.predict(image), reference);
      scores.push({ name, iou: iou(predicted, truth), boundaryF: boundaryF(predicted, truth, reference.width, reference.height, BOUNDARY_TOLERANCE) });
    }
    const mean = (k: 'iou' | 'boundaryF') => scores.reduce((sum, score) => sum + score[k], 0) / scores.length;
    open.set(key, predictor);
    return { ok: true, input: predictor.input, backend, photos: scores, meanIou: mean('iou'), meanBoundaryF: mean('boundaryF') };
  } catch (error) {
    predictor.dispose();
    return { ok: false, error: describe(error), backend };
  }
}

/**
 * One timing pass of an evaluated candidate over the photos: ms per frame. The driver
 * interleaves passes of all candidates, so load from other processes hits them alike.
 */
async function timePass(key: string, photos: readonly string[]): Promise<number[]> {
  const predictor = open.get(key);
  if (!predictor) throw new Error(`${key} is not loaded`);
  const samples: number[] = [];
  for (const name of photos) samples.push(await predictor.time(await photo(name)));
  return samples;
}

function closeAll(): void {
  open.forEach((predictor) => predictor.dispose());
  open.clear();
}

declare global {
  interface Window {
    evaluateCandidate?: typeof evaluate;
    timePass?: typeof timePass;
    closeAll?: typeof closeAll;
  }
}
Object.assign(window, { evaluateCandidate: evaluate, timePass, closeAll });
