/**
 * The segmentation stage's contract. The render side only sees this interface, so
 * where inference runs (main thread, worker) and on what (TFJS WASM, another
 * runtime) can change without touching the compositor.
 */
import type { SegmenterFrame } from './model-input.js';

/** A person-probability mask at model resolution: 0 = background, 255 = person, rows top first. */
export interface SegmentationMask {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** What the inference runtime actually got, reported in `stats`. */
export interface BackendInfo {
  readonly backend: string;
  readonly simd: boolean;
  readonly threads: number;
}

export interface Segmenter {
  /** The model's input size; frames are stretched to it, and the mask maps back by the inverse stretch. */
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly backendInfo: BackendInfo;
  /** Segments one frame of any size. Takes ownership of the frame and closes it. */
  segment(frame: SegmenterFrame): Promise<SegmentationMask>;
  /** Live tensors in this segmenter's runtime (model weights included): flat over time, or it leaks. */
  tensorCount(): number;
  /** Releases the model and every tensor this segmenter holds. */
  dispose(): void;
}

/** The model loaded, but its inputs or outputs are not those of a person-segmentation model. */
export class ModelIncompatibleError extends Error {
  override readonly name = 'ModelIncompatibleError';
}
