// The bench's inference page entry: times the project's segmenter on one real frame under a
// given TFJS WASM configuration. Thin on purpose: it only needs `TfjsSegmenter.create` and
// `segment`, so it follows the segmenter wherever it moves (e.g. into a worker).
import * as tf from '@tensorflow/tfjs-core';
import { SELFIE } from '../src/inference/model-descriptors.js';
import { ModelInputCanvas } from '../src/inference/model-input.js';
import { TfjsSegmenter } from '../src/inference/tfjs-segmenter.js';

export interface InferenceConfig {
  /** false: `WASM_HAS_SIMD_SUPPORT` is forced off (the scalar wasm build). */
  readonly simd: boolean;
  /** false: `WASM_HAS_MULTITHREAD_SUPPORT` is forced off (one thread even when isolated). */
  readonly threads: boolean;
  /**
   * The core count the backend is told, to measure the threaded build here: the element
   * uses it only from 4 cores up (src/inference/wasm-backend.ts), where XNNPACK gets 2 threads.
   */
  readonly cores?: number;
  /** URL of a photo with a person; it is resized to the model input as the element does. */
  readonly photo: string;
  readonly warmup: number;
  /**
   * Keep warming up until this long has passed too (ms): engines that compile WebAssembly in
   * tiers (Firefox's lazy tiering) reach their optimised code only after a while.
   */
  readonly warmupMs?: number;
  readonly runs: number;
}

interface EmscriptenModule {
  tfjs?: { getThreadsCount?: () => number };
  PThread?: { runningWorkers?: unknown[]; unusedWorkers?: unknown[] };
}

export async function benchInference(config: InferenceConfig) {
  // Must happen before the backend initialises (TfjsSegmenter.create does that).
  if (!config.simd) tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  if (!config.threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (config.cores) Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => config.cores });
  const loadStarted = performance.now();
  const segmenter = await TfjsSegmenter.create(SELFIE);
  const loadMs = performance.now() - loadStarted;
  const photo = await createImageBitmap(await (await fetch(config.photo)).blob());
  const input = await createImageBitmap(photo, {
    resizeWidth: segmenter.inputWidth,
    resizeHeight: segmenter.inputHeight,
    resizeQuality: 'medium',
  });
  const times: number[] = [];
  let personFraction = 0;
  let warmupRuns = 0;
  try {
    const warmupUntil = performance.now() + (config.warmupMs ?? 0);
    while (times.length < config.runs) {
      const frame = await createImageBitmap(input); // segment() takes ownership and closes it
      const started = performance.now();
      const mask = await segmenter.segment(frame);
      const elapsed = performance.now() - started;
      if (warmupRuns < config.warmup || started < warmupUntil) warmupRuns++;
      else times.push(elapsed);
      personFraction = mask.data.reduce((sum, v) => sum + v, 0) / 255 / mask.data.length;
    }
  } finally {
    segmenter.dispose();
  }
  // The part of segment() that is not the model: resizing the frame to the model's input on a
  // 2D canvas and reading its pixels back, done the same way on a canvas of its own.
  const readTimes: number[] = [];
  const pixels = new ModelInputCanvas(segmenter.inputWidth, segmenter.inputHeight);
  for (let i = 0; i < config.warmup + config.runs; i++) {
    const frame = await createImageBitmap(input);
    const started = performance.now();
    await pixels.read(frame);
    const elapsed = performance.now() - started;
    frame.close();
    if (i >= config.warmup) readTimes.push(elapsed);
  }
  // What the Emscripten module itself reports, independent of the element's BackendInfo.
  const wasm = (tf.backend() as unknown as { wasm?: EmscriptenModule }).wasm;
  return {
    ...segmenter.backendInfo,
    xnnpackThreads: wasm?.tfjs?.getThreadsCount?.(),
    pthreadWorkers: wasm?.PThread ? { running: wasm.PThread.runningWorkers?.length, unused: wasm.PThread.unusedWorkers?.length } : null,
    tfBackend: tf.getBackend(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    input: `${segmenter.inputWidth}x${segmenter.inputHeight}`,
    loadMs,
    warmupRuns,
    times,
    readTimes,
    personFraction,
  };
}

(globalThis as unknown as { benchInference: typeof benchInference }).benchInference = benchInference;
