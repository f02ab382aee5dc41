/** Codes carried by the `error` event. Each has a documented fallback (README, "Errors and fallbacks"). */
export type ErrorCode =
  | 'camera-denied'
  | 'camera-not-found'
  | 'camera-busy'
  | 'camera-failed'
  | 'camera-ended'
  | 'model-load-failed'
  | 'model-incompatible'
  | 'webgl-unavailable'
  | 'background-load-failed'
  | 'invalid-attribute';

export interface TrackEventDetail {
  /** The processed, never-mirrored output track, ready for `RTCPeerConnection.addTrack`. */
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
}

export interface ErrorEventDetail {
  readonly code: ErrorCode;
  readonly message: string;
}

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

export interface VirtualBgCameraEventMap {
  ready: CustomEvent<void>;
  track: CustomEvent<TrackEventDetail>;
  error: CustomEvent<ErrorEventDetail>;
  stats: CustomEvent<StatsEventDetail>;
}

/** An error with one of the documented codes, thrown inside the pipeline and emitted as `error`. */
export class VirtualBgCameraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'VirtualBgCameraError';
  }
}

/**
 * Dispatches one of the element's events, bubbling and crossing shadow roots. `error` does
 * not bubble, like native `error` events: a bubbling one would reach `window`, where
 * page-wide error monitors would take it for an uncaught script error.
 */
export function emit<K extends keyof VirtualBgCameraEventMap>(
  target: EventTarget,
  type: K,
  detail: VirtualBgCameraEventMap[K]['detail'],
): void {
  const bubbles = type !== 'error';
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles, composed: bubbles }));
}
