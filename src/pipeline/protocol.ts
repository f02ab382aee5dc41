/** Messages between the element's `PipelineClient` (page) and the pipeline host (a worker, or the page itself). */
import type { ErrorCode, StatsEventDetail } from '../components/virtual-bg-camera/events.js';
import type { ModelDescriptor } from '../inference/model-descriptors.js';
import type { Effect } from '../render/effect.js';
import type { MatteOptions } from '../render/matte-options.js';
import type { Quality } from './quality.js';

/**
 * Where the pipeline puts drawn frames, chosen on the page by what the browser has:
 * - `writable`: the writable side of a page `MediaStreamTrackGenerator` (Chromium);
 * - `canvas`: the page host's own canvas, whose `captureStream()` is the track;
 * - `bitmaps`: each drawn frame comes back as a transferred `ImageBitmap` (`bitmap` events),
 *   which the page shows on a `bitmaprenderer` canvas whose `captureStream()` is the track
 *   (Firefox, which refuses to transfer a captured canvas).
 */
export type OutputTarget =
  | { readonly kind: 'writable'; readonly writable: WritableStream<VideoFrame> }
  | { readonly kind: 'canvas' }
  | { readonly kind: 'bitmaps' };

/** The paths a running pipeline uses, named in `stats` so a bug report says which ran. */
export type PipelinePaths = Pick<StatsEventDetail, 'input' | 'compositor' | 'output'>;

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
  | { readonly type: 'model'; readonly model: ModelDescriptor }
  | { readonly type: 'effect'; readonly effect: Effect }
  | { readonly type: 'quality'; readonly quality: Quality }
  | { readonly type: 'matte'; readonly options: MatteOptions }
  /** Releases the WebGL context, the model and every frame (a worker host is terminated instead). */
  | { readonly type: 'destroy' };

export type PipelineEvent =
  | { readonly type: 'created' }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string }
  | { readonly type: 'ready' }
  | { readonly type: 'stats'; readonly stats: StatsEventDetail }
  | { readonly type: 'input-ended'; readonly input: number }
  | { readonly type: 'model-progress'; readonly fraction: number }
  /** A drawn frame, for the `bitmaps` output. */
  | { readonly type: 'bitmap'; readonly bitmap: ImageBitmap };
