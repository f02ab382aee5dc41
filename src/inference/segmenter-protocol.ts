/** Messages between a `RemoteSegmenter` and the segmenter worker, over one `MessagePort`. */
import type { ModelDescriptor } from '../shared/model.js';
import type { SegmenterFrame } from './model-input.js';
import type { BackendInfo, SegmentationMask } from './segmenter.js';

/** The first message to the worker: its port to the pipeline, and where the wasm binaries are. */
export interface SegmenterInit {
  readonly port: MessagePort;
  readonly wasmFiles: Readonly<Record<string, string>>;
}

export type SegmenterRequest =
  | { readonly type: 'load'; readonly load: number; readonly model: ModelDescriptor }
  | { readonly type: 'segment'; readonly load: number; readonly id: number; readonly frame: SegmenterFrame }
  | { readonly type: 'unload'; readonly load: number };

export type SegmenterReply =
  | { readonly type: 'progress'; readonly load: number; readonly fraction: number }
  | {
      readonly type: 'loaded';
      readonly load: number;
      readonly width: number;
      readonly height: number;
      readonly backendInfo: BackendInfo;
      readonly tensors: number;
    }
  | { readonly type: 'load-failed'; readonly load: number; readonly incompatible: boolean; readonly message: string }
  | {
      readonly type: 'mask';
      readonly load: number;
      readonly id: number;
      readonly mask: SegmentationMask;
      /** Time spent in the worker on this frame (resize, inference, read-back), ms. */
      readonly ms: number;
      readonly tensors: number;
    }
  | { readonly type: 'segment-failed'; readonly load: number; readonly id: number; readonly message: string };
