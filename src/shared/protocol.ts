/** Messages between the page's `PipelineClient` and the pipeline host (a worker, or the page itself). */
import type { ErrorCode } from './errors.js';
import type { PipelineSettings } from './settings.js';
import type { PipelinePaths, StatsEventDetail } from './stats.js';

/**
 * Where the pipeline puts drawn frames, chosen on the page by what the browser has:
 * - `writable`: the writable side of a page `MediaStreamTrackGenerator` (Chromium);
 * - `canvas`: the page host's own canvas, whose capture is the track (`PageCanvasOutput`);
 * - `bitmaps`: each drawn frame comes back as a transferred `ImageBitmap` (`bitmap` events),
 *   which the page shows on a `bitmaprenderer` canvas whose `captureStream()` is the track
 *   (Firefox, which refuses to transfer a captured canvas).
 */
export type OutputTarget =
  | { readonly kind: 'writable'; readonly writable: WritableStream<VideoFrame> }
  | { readonly kind: 'canvas' }
  | { readonly kind: 'bitmaps' };

export type PipelineRequest =
  | { readonly type: 'init'; readonly output: OutputTarget; readonly compositor: PipelinePaths['compositor'] }
  /**
   * The port to the segmenter worker, sent once the host has its compositor: WebKit stops
   * delivering a segmenter's messages after its first port's other end died with a failed host.
   */
  | { readonly type: 'segmenter'; readonly port: MessagePort }
  /**
   * A new input: frames of one track, as a stream, or (`frames: null`) posted one by one in
   * `frame` messages until `input-end`. `input` numbers inputs, so messages about an old one are ignored.
   */
  | { readonly type: 'input'; readonly input: number; readonly frames: ReadableStream<VideoFrame> | null }
  | { readonly type: 'frame'; readonly input: number; readonly frame: VideoFrame }
  | { readonly type: 'input-end'; readonly input: number }
  /**
   * The video background's frames (`background-video`, `backgroundSource`): a stream, `posted`
   * one by one in `background-frame` messages, or `none`. `background` numbers them as
   * `input` numbers inputs; a new one drops the frame kept from the last.
   */
  | { readonly type: 'background'; readonly background: number; readonly frames: ReadableStream<VideoFrame> | 'posted' | 'none' }
  | { readonly type: 'background-frame'; readonly background: number; readonly frame: VideoFrame }
  /** New settings, applied from the next frame; absent fields keep their values. An image is copied, not moved. */
  | { readonly type: 'configure'; readonly settings: Partial<PipelineSettings> }
  /** Releases the WebGL context, the model and every frame (a worker host is terminated instead). */
  | { readonly type: 'destroy' };

/** What the host reports. The pipeline's own events are `PipelineNotice`; `created` and `bitmap` are the host's. */
export type PipelineEvent =
  | PipelineNotice
  | { readonly type: 'created' }
  /** A drawn frame, for the `bitmaps` output. */
  | { readonly type: 'bitmap'; readonly bitmap: ImageBitmap };

/** What a running pipeline reports, forwarded as is to the page. */
export type PipelineNotice =
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string }
  | { readonly type: 'ready' }
  | { readonly type: 'stats'; readonly stats: StatsEventDetail }
  | { readonly type: 'input-ended'; readonly input: number }
  /** Model download progress, 0..1, from the start of a load until the model is usable (1). */
  | { readonly type: 'model-progress'; readonly fraction: number };

/** What the pipeline host is spoken to through: the worker's global scope, or a `MessagePort` on the page. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** A `MessagePort` delivers nothing until started, and is closed once the pipeline is destroyed. */
  start?(): void;
  close?(): void;
}

/**
 * The page host's output, for the `canvas` target: the canvas to draw on, and `publish()`,
 * called right after each frame is drawn, in the same task, so the capture takes that frame.
 */
export interface PageCanvasOutput {
  readonly canvas: HTMLCanvasElement;
  publish(): void;
}

/** Serves one pipeline over `endpoint`; `pageOutput` is the page host's canvas output, for the `canvas` target. */
export type ServePipeline = (endpoint: MessageEndpoint, pageOutput?: PageCanvasOutput | null) => void;

/**
 * Where the page host module (`pipeline/host/page-pipeline.ts`) leaves `servePipeline` for the
 * page: that module is built like a worker script, and such a build keeps no exports.
 */
export const PAGE_PIPELINE = Symbol.for('virtual-bg-camera.page-pipeline');
