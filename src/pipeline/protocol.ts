/** Messages between the element's `PipelineClient` (page) and the pipeline worker. */
import type { ErrorCode, StatsEventDetail } from '../components/virtual-bg-camera/events.js';
import type { ModelDescriptor } from '../inference/model-descriptors.js';
import type { Effect } from '../render/effect.js';
import type { MatteOptions } from '../render/matte-options.js';
import type { Quality } from './quality.js';

/**
 * Where the worker puts drawn frames: the writable side of a `MediaStreamTrackGenerator`
 * (Chromium), or a page canvas handed over with `transferControlToOffscreen()`, whose
 * `captureStream()` is the output track.
 */
export type OutputTarget =
  | { readonly kind: 'writable'; readonly writable: WritableStream<VideoFrame> }
  | { readonly kind: 'canvas'; readonly canvas: OffscreenCanvas };

export type PipelineRequest =
  | { readonly type: 'init'; readonly segmenter: MessagePort; readonly output: OutputTarget }
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
  | { readonly type: 'matte'; readonly options: MatteOptions };

export type PipelineEvent =
  | { readonly type: 'created' }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string }
  | { readonly type: 'ready' }
  | { readonly type: 'stats'; readonly stats: StatsEventDetail }
  | { readonly type: 'input-ended'; readonly input: number }
  | { readonly type: 'model-progress'; readonly fraction: number };
