// The bench's inference page entry: times the project's segmenter on one real frame under a
// given TFJS WASM configuration. Thin on purpose: it only needs `TfjsSegmenter.create` and
// `segment`, so it follows the segmenter wherever it moves (e.g. into a worker).
import * as tf from '@tensorflow/tfjs-core';
import { SELFIE } from '../src/inference/model-descriptors.js';
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
  try {
    for (let i = 0; i < config.warmup + config.runs; i++) {
      const frame = await createImageBitmap(input); // segment() takes ownership and closes it
      const started = performance.now();
      const mask = await segmenter.segment(frame);
      const elapsed = performance.now() - started;
      if (i >= config.warmup) times.push(elapsed);
      personFraction = mask.data.reduce((sum, v) => sum + v, 0) / 255 / mask.data.length;
    }
  } finally {
    segmenter.dispose();
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
    times,
    personFraction,
  };
}

(globalThis as unknown as { benchInference: typeof benchInference }).benchInference = benchInference;
