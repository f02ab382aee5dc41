import type { ModelDescriptor } from '../shared/model.js';
import type { SegmenterFrame } from './model-input.js';
import { ModelIncompatibleError, type BackendInfo, type SegmentationMask, type Segmenter } from './segmenter.js';
import type { SegmenterReply, SegmenterRequest } from './segmenter-protocol.js';

interface Pending {
  resolve(mask: SegmentationMask): void;
  reject(error: Error): void;
}

/**
 * The client side of the segmenter worker: one `MessagePort` to it, shared by the models
 * loaded over time. Each load gets an id, so replies to a model that was replaced are ignored.
 */
export class SegmenterChannel {
  private loads = 0;
  private readonly handlers = new Map<number, (reply: SegmenterReply) => void>();

  constructor(private readonly port: MessagePort) {
    port.addEventListener('message', (event: MessageEvent<SegmenterReply>) => {
      this.handlers.get(event.data.load)?.(event.data);
    });
    port.start();
  }

  /** Loads `model` in the worker. Rejects with `ModelIncompatibleError` when its signature does not fit. */
  load(model: ModelDescriptor, onProgress: (fraction: number) => void): Promise<RemoteSegmenter> {
    const load = ++this.loads;
    return new Promise((resolve, reject) => {
      this.handlers.set(load, (reply) => {
        if (reply.type === 'progress') return onProgress(reply.fraction);
        if (reply.type === 'load-failed') {
          this.handlers.delete(load);
          return reject(reply.incompatible ? new ModelIncompatibleError(reply.message) : new Error(reply.message));
        }
        if (reply.type === 'loaded') resolve(new RemoteSegmenter(this, load, reply));
      });
      this.send({ type: 'load', load, model });
    });
  }

  /** @internal */
  send(request: SegmenterRequest, transfer: Transferable[] = []): void {
    this.port.postMessage(request, transfer);
  }

  /** @internal */
  listen(load: number, handler: ((reply: SegmenterReply) => void) | null): void {
    if (handler) this.handlers.set(load, handler);
    else this.handlers.delete(load);
  }
}

/** A model loaded in the segmenter worker. Frames are transferred there, masks transferred back. */
export class RemoteSegmenter implements Segmenter {
  readonly inputWidth: number;
  readonly inputHeight: number;
  readonly backendInfo: BackendInfo;
  /** Worker time of the newest inference (resize, model, read-back), ms. */
  lastInferenceMs = 0;
  private tensors: number;
  private requests = 0;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  /** @internal Created by `SegmenterChannel.load`. */
  constructor(
    private readonly channel: SegmenterChannel,
    private readonly load: number,
    loaded: Extract<SegmenterReply, { type: 'loaded' }>,
  ) {
    this.inputWidth = loaded.width;
    this.inputHeight = loaded.height;
    this.backendInfo = loaded.backendInfo;
    this.tensors = loaded.tensors;
    channel.listen(load, (reply) => this.receive(reply));
  }

  segment(frame: SegmenterFrame): Promise<SegmentationMask> {
    if (this.disposed) {
      frame.close();
      return Promise.reject(new Error('Segmenter used after dispose().'));
    }
    const id = ++this.requests;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.channel.send({ type: 'segment', load: this.load, id, frame }, [frame]);
    });
  }

  tensorCount(): number {
    return this.tensors;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.channel.send({ type: 'unload', load: this.load });
    this.channel.listen(this.load, null);
    for (const pending of this.pending.values()) pending.reject(new Error('Segmenter disposed.'));
    this.pending.clear();
  }

  private receive(reply: SegmenterReply): void {
    if (reply.type !== 'mask' && reply.type !== 'segment-failed') return;
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.type === 'segment-failed') return pending?.reject(new Error(reply.message));
    this.tensors = reply.tensors;
    this.lastInferenceMs = reply.ms;
    pending?.resolve(reply.mask);
  }
}
