export interface StatsEventDetail {
  /** Output frames drawn per second over the last period. */
  readonly fps: number;
  /** Masks computed per second: the output rate, or less when `quality` spaces inferences out. */
  readonly inferenceFps: number;
  /** Median segmentation time per inference (in its worker: resize, model, read-back), ms. */
  readonly inferenceMs: number;
  /** Median compositing and publishing time per frame, in the pipeline worker, ms. */
  readonly renderMs: number;
  /** Inference backend, e.g. `wasm`; empty until the model has loaded. */
  readonly backend: string;
  readonly simd: boolean;
  readonly threads: number;
  /** Live tensors in the inference runtime: constant while running, or memory is leaking. */
  readonly tensors: number;
  /** Output size in px. */
  readonly width: number;
  readonly height: number;
  /**
   * How frames arrive: `track-processor` (`MediaStreamTrackProcessor`) or
   * `video-frame-callback` (a `<video>` paced by `requestVideoFrameCallback`).
   */
  readonly input: 'track-processor' | 'video-frame-callback' | '';
  /** Where WebGL2 compositing runs: `worker`, or `page` when workers have no WebGL2. */
  readonly compositor: 'worker' | 'page';
  /**
   * How the output track is made: `track-generator` (`MediaStreamTrackGenerator`),
   * `bitmap-canvas` (worker bitmaps on a captured `bitmaprenderer` canvas) or
   * `canvas-capture` (the page's WebGL canvas, captured).
   */
  readonly output: 'track-generator' | 'bitmap-canvas' | 'canvas-capture';
}

/** The paths a running pipeline uses, named in `stats` so a bug report says which ran. */
export type PipelinePaths = Pick<StatsEventDetail, 'input' | 'compositor' | 'output'>;
