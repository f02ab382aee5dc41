/**
 * The segmentation stage's contract. The render side only sees this interface, so
 * where inference runs (main thread, worker) and on what (TFJS WASM, another
 * runtime) can change without touching the compositor.
 */

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
  /** The model's input size; frames are resized to it before `segment`. */
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly backendInfo: BackendInfo;
  /**
   * Segments one frame already resized to the input size, stretched over the whole frame
   * (the mask maps back by the inverse stretch). Takes ownership of the bitmap and closes it.
   */
  segment(frame: ImageBitmap): Promise<SegmentationMask>;
  /** Live tensors in this segmenter's runtime (model weights included): flat over time, or it leaks. */
  tensorCount(): number;
  /** Releases the model and every tensor this segmenter holds. */
  dispose(): void;
}

/** The model loaded, but its inputs or outputs are not those of a person-segmentation model. */
export class ModelIncompatibleError extends Error {
  override readonly name = 'ModelIncompatibleError';
}
