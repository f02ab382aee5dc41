import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { ModelDescriptor } from './model-descriptors.js';
import type { BackendInfo, SegmentationMask, Segmenter } from './segmenter.js';
import { initWasmBackend } from './wasm-backend.js';

interface CachedModel {
  readonly model: Promise<GraphModel>;
  refs: number;
}

/**
 * Loaded models, shared by every element on the page and disposed when the last user
 * releases them, so reconnecting an element neither re-downloads nor leaks weights.
 */
const models = new Map<string, CachedModel>();

function acquireModel(descriptor: ModelDescriptor, onProgress?: (fraction: number) => void): Promise<GraphModel> {
  let entry = models.get(descriptor.modelUrl);
  if (!entry) {
    const model = loadGraphModel(descriptor.modelUrl, {
      weightUrlConverter: async (file) => descriptor.weightUrls[file] ?? new URL(file, descriptor.modelUrl).href,
      onProgress,
    });
    entry = { model, refs: 0 };
    models.set(descriptor.modelUrl, entry);
    // A failed load must not poison the cache for the next attempt.
    model.catch(() => models.delete(descriptor.modelUrl));
  }
  entry.refs++;
  return entry.model;
}

function releaseModel(descriptor: ModelDescriptor): void {
  const entry = models.get(descriptor.modelUrl);
  if (!entry || --entry.refs > 0) return;
  models.delete(descriptor.modelUrl);
  entry.model.then((model) => model.dispose(), () => undefined);
}

/** Runs a graph model from `ModelDescriptor` on the TFJS WASM backend in the current realm. */
export class TfjsSegmenter implements Segmenter {
  readonly inputWidth: number;
  readonly inputHeight: number;
  private disposed = false;

  private constructor(
    private readonly descriptor: ModelDescriptor,
    private readonly model: GraphModel,
    readonly backendInfo: BackendInfo,
  ) {
    this.inputWidth = descriptor.inputWidth;
    this.inputHeight = descriptor.inputHeight;
  }

  static async create(
    descriptor: ModelDescriptor,
    onProgress?: (fraction: number) => void,
  ): Promise<TfjsSegmenter> {
    const backendInfo = await initWasmBackend();
    const model = await acquireModel(descriptor, onProgress);
    return new TfjsSegmenter(descriptor, model, backendInfo);
  }

  async segment(frame: ImageBitmap): Promise<SegmentationMask> {
    const { inputWidth: width, inputHeight: height } = this;
    let probabilities: tf.Tensor | undefined;
    try {
      if (this.disposed) throw new Error('Segmenter used after dispose().');
      if (frame.width !== width || frame.height !== height) {
        throw new Error(`Frame is ${frame.width}x${frame.height}, the model takes ${width}x${height}.`);
      }
      probabilities = this.run(frame);
      const values = (await probabilities.data()) as Float32Array;
      const data = new Uint8Array(width * height);
      for (let i = 0; i < data.length; i++) data[i] = values[i]! * 255 + 0.5;
      return { data, width, height };
    } finally {
      probabilities?.dispose();
      frame.close();
    }
  }

  /** Pixels → normalised input → model → person probability per pixel, [height, width]. */
  private run(frame: ImageBitmap): tf.Tensor {
    const [low, high] = this.descriptor.inputRange;
    return tf.tidy(() => {
      const pixels = tf.cast(tf.browser.fromPixels(frame, 3), 'float32');
      const input = tf.expandDims(tf.add(tf.mul(pixels, (high - low) / 255), low), 0);
      const output = this.model.execute(input) as tf.Tensor;
      return tf.reshape(output, [this.inputHeight, this.inputWidth]);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    releaseModel(this.descriptor);
  }
}
