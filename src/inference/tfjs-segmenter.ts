import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { ModelDescriptor } from '../shared/model.js';
import { ModelIncompatibleError, type BackendInfo, type SegmentationMask, type Segmenter } from './segmenter.js';
import { ModelInputCanvas, type SegmenterFrame } from './model-input.js';
import { initWasmBackend } from './wasm-backend.js';
import { errorMessage } from '../shared/error-message.js';

/** What a person-segmentation graph model must look like to be used here. */
interface Signature {
  readonly width: number;
  readonly height: number;
  /** 1: a sigmoid person probability; 2: [background, person] logits, softmaxed here. */
  readonly channels: 1 | 2;
}

/**
 * Reads and checks the model's signature: one float image input `[1, H, W, 3]` and one
 * output `[1, H, W, 1 | 2]` at the same size (as MediaPipe's selfie and Meet models have).
 * Graphs often leave the output shape undeclared, so one warm-up run on a blank image
 * measures it (and takes the first-run cost off the first camera frame).
 */
function readSignature(model: GraphModel): Signature {
  const inputs = model.inputs;
  const inputShape = inputs[0]?.shape ?? [];
  const [, height, width, colours] = inputShape;
  if (inputs.length !== 1 || inputShape.length !== 4 || colours !== 3 || !(height! > 0) || !(width! > 0)) {
    throw new ModelIncompatibleError(
      `Not a person-segmentation model: it takes ${inputs.length} input(s), the first [${inputShape.join(',')}] (needs one [1, height, width, 3]).`,
    );
  }
  let outputShape: number[];
  try {
    outputShape = tf.tidy(() => {
      const output = model.execute(tf.zeros([1, height!, width!, 3]));
      if (!(output instanceof tf.Tensor)) throw new Error(`it has ${Array.isArray(output) ? output.length : 'named'} outputs (needs 1)`);
      return output.shape;
    });
  } catch (error) {
    const message = errorMessage(error);
    // The shipped build carries only the ops segmentation graphs use (README, "Models").
    const op = /Unknown op '(\w+)'/.exec(message)?.[1];
    throw new ModelIncompatibleError(op ? `It uses the TensorFlow op ${op}, which this build does not include.` : `Not a person-segmentation model: ${message}.`);
  }
  const [, outHeight, outWidth, channels] = outputShape;
  if (outputShape.length !== 4 || outHeight !== height || outWidth !== width || (channels !== 1 && channels !== 2)) {
    throw new ModelIncompatibleError(
      `Not a person-segmentation model: its output is [${outputShape.join(',')}] (needs [1, ${height}, ${width}, 1 or 2]).`,
    );
  }
  return { width: width!, height: height!, channels };
}

/** Runs a person-segmentation graph model on the TFJS WASM backend in the current realm. */
export class TfjsSegmenter implements Segmenter {
  readonly inputWidth: number;
  readonly inputHeight: number;
  private readonly pixels: ModelInputCanvas;
  /** The model's input, reused every frame. */
  private readonly input: Float32Array;
  private disposed = false;

  private constructor(
    private readonly descriptor: ModelDescriptor,
    private readonly model: GraphModel,
    private readonly signature: Signature,
    readonly backendInfo: BackendInfo,
  ) {
    this.inputWidth = signature.width;
    this.inputHeight = signature.height;
    this.pixels = new ModelInputCanvas(signature.width, signature.height);
    this.input = new Float32Array(signature.width * signature.height * 3);
  }

  /**
   * Loads the model. Rejects with `ModelIncompatibleError` when its signature does not fit.
   * Each element's segmenter worker loads its own (the browser's HTTP cache serves a repeat).
   */
  static async create(
    descriptor: ModelDescriptor,
    onProgress?: (fraction: number) => void,
  ): Promise<TfjsSegmenter> {
    const backendInfo = await initWasmBackend();
    const url = descriptor.modelUrl;
    const model = await loadGraphModel(url, {
      weightUrlConverter: (file) => Promise.resolve(descriptor.weightUrls?.[file] ?? new URL(file, url).href),
      onProgress,
    });
    try {
      return new TfjsSegmenter(descriptor, model, readSignature(model), backendInfo);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  /**
   * Segments `frame` (any size; stretched to the model's input). Takes ownership and closes it.
   * The resize happens on a small 2D canvas at model size, so no full-size read-back occurs.
   */
  async segment(frame: SegmenterFrame): Promise<SegmentationMask> {
    const { inputWidth: width, inputHeight: height } = this;
    let probabilities: tf.Tensor | undefined;
    try {
      if (this.disposed) throw new Error('Segmenter used after dispose().');
      probabilities = this.run(await this.pixels.read(frame));
      const values = (await probabilities.data()) as Float32Array;
      const data = new Uint8Array(width * height);
      for (let i = 0; i < data.length; i++) data[i] = values[i]! * 255 + 0.5;
      return { data, width, height };
    } finally {
      probabilities?.dispose();
      frame.close();
    }
  }

  /** RGBA pixels at input size → normalised input → model → person probability per pixel, [height, width]. */
  private run(rgba: Uint8ClampedArray): tf.Tensor {
    const [low, high] = this.descriptor.inputRange;
    const scale = (high - low) / 255;
    const input = this.input;
    for (let i = 0, j = 0; j < input.length; i += 4, j += 3) {
      input[j] = rgba[i]! * scale + low;
      input[j + 1] = rgba[i + 1]! * scale + low;
      input[j + 2] = rgba[i + 2]! * scale + low;
    }
    return tf.tidy(() => {
      const output = this.model.execute(tf.tensor4d(input, [1, this.inputHeight, this.inputWidth, 3])) as tf.Tensor4D;
      const person =
        this.signature.channels === 2 ? tf.slice(tf.softmax(output), [0, 0, 0, 1], [1, -1, -1, 1]) : output;
      return tf.reshape(person, [this.inputHeight, this.inputWidth]);
    });
  }

  tensorCount(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}
