import { VirtualBgCameraError, type StatsEventDetail } from '../components/virtual-bg-camera/events.js';
import type { ModelDescriptor } from '../inference/model-descriptors.js';
import { WASM_FILES } from '../inference/runtime-files.js';
import type { SegmenterInit } from '../inference/segmenter-protocol.js';
import type { Effect } from '../render/effect.js';
import type { MatteOptions } from '../render/matte-options.js';
import { openCameraFeed, type CameraFeed } from './camera-feed.js';
import type { OutputTarget, PipelineEvent, PipelineRequest } from './protocol.js';
import type { Quality } from './quality.js';

/** Workers resolve nothing against the page: they are sent absolute URLs. */
const absolute = (url: string) => new URL(url, document.baseURI).href;
const absoluteAll = (urls: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(urls).map(([file, url]) => [file, absolute(url)]));

export interface PipelineClientEvents {
  ready(): void;
  stats(stats: StatsEventDetail): void;
  /** The input track ended without being switched away from here. */
  inputEnded(): void;
  modelProgress(fraction: number): void;
  error(error: VirtualBgCameraError): void;
}

/**
 * The page side of the pipeline. It starts two workers, the pipeline (frames, compositing,
 * output) and the segmenter (TFJS), joined by a `MessageChannel`, and only forwards settings:
 * no per-frame work runs on the page's main thread.
 *
 * The output track lives here: a `MediaStreamTrackGenerator` whose writable side the worker
 * writes to, or (elsewhere) a canvas handed to the worker whose `captureStream()` is the track.
 * Either way it outlives input switches, so a call's sender keeps working.
 */
export class PipelineClient {
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
  private readonly pipeline: Worker;
  private readonly segmenter: Worker;
  private feed: CameraFeed | null = null;
  private inputs = 0;
  private stopped = false;

  private constructor(
    private readonly events: PipelineClientEvents,
    created: (event: PipelineEvent) => void,
  ) {
    this.pipeline = new Worker(new URL('./pipeline.worker.ts', import.meta.url), {
      type: 'module',
      name: 'virtual-bg-camera pipeline',
    });
    this.segmenter = new Worker(new URL('../inference/segmenter.worker.ts', import.meta.url), {
      type: 'module',
      name: 'virtual-bg-camera segmenter',
    });
    const channel = new MessageChannel();
    const init: SegmenterInit = {
      port: channel.port1,
      wasmFiles: absoluteAll(WASM_FILES),
    };
    this.segmenter.postMessage(init, [channel.port1]);

    let output: OutputTarget;
    if (typeof MediaStreamTrackGenerator === 'function') {
      const generator = new MediaStreamTrackGenerator({ kind: 'video' });
      this.track = generator;
      output = { kind: 'writable', writable: generator.writable };
    } else {
      const canvas = document.createElement('canvas');
      this.track = canvas.captureStream().getVideoTracks()[0]!;
      output = { kind: 'canvas', canvas: canvas.transferControlToOffscreen() };
    }
    this.stream = new MediaStream([this.track]);

    this.pipeline.addEventListener('message', (message: MessageEvent<PipelineEvent>) => {
      if (!this.stopped) created(message.data);
    });
    const transfer: Transferable[] = [channel.port2, output.kind === 'writable' ? output.writable : output.canvas];
    this.post({ type: 'init', segmenter: channel.port2, output }, transfer);
  }

  /** Starts the workers. Rejects with `webgl-unavailable` when the worker cannot get WebGL2. */
  static create(events: PipelineClientEvents): Promise<PipelineClient> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const client: PipelineClient = new PipelineClient(events, (event) => {
        if (settled) return client.receive(event);
        if (event.type === 'created') {
          settled = true;
          resolve(client);
        } else if (event.type === 'error') {
          settled = true;
          client.stop();
          reject(new VirtualBgCameraError(event.code, event.message));
        }
      });
      client.pipeline.addEventListener('error', (event) => {
        if (settled) return;
        settled = true;
        client.stop();
        reject(new VirtualBgCameraError('webgl-unavailable', `The pipeline worker failed to start: ${event.message}`));
      });
    });
  }

  /** Switches the input to `track`; the output track stays the same. */
  setInput(track: MediaStreamTrack): void {
    this.feed?.stop();
    const feed = openCameraFeed(track);
    const input = ++this.inputs;
    this.feed = feed;
    if (feed.kind === 'stream') return this.post({ type: 'input', input, frames: feed.frames }, [feed.frames]);
    this.post({ type: 'input', input, frames: null });
    feed.start(
      (frame) => this.post({ type: 'frame', input, frame }, [frame]),
      () => this.post({ type: 'input-end', input }),
    );
  }

  loadModel(model: ModelDescriptor): void {
    const weightUrls = model.weightUrls && absoluteAll(model.weightUrls);
    this.post({ type: 'model', model: { ...model, modelUrl: absolute(model.modelUrl), weightUrls } });
  }

  /** The image, if any, is copied to the worker; the caller keeps its own. */
  setEffect(effect: Effect): void {
    this.post({ type: 'effect', effect });
  }

  setQuality(quality: Quality): void {
    this.post({ type: 'quality', quality });
  }

  setMatteOptions(options: MatteOptions): void {
    this.post({ type: 'matte', options });
  }

  /** Ends the output track and both workers; their WebGL context and model go with them. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.feed?.stop();
    this.feed = null;
    this.track.stop();
    this.pipeline.terminate();
    this.segmenter.terminate();
  }

  private receive(event: PipelineEvent): void {
    const events = this.events;
    switch (event.type) {
      case 'ready':
        return events.ready();
      case 'stats':
        return events.stats(event.stats);
      case 'model-progress':
        return events.modelProgress(event.fraction);
      case 'input-ended':
        if (event.input === this.inputs) events.inputEnded();
        return;
      case 'error':
        return events.error(new VirtualBgCameraError(event.code, event.message));
    }
  }

  private post(request: PipelineRequest, transfer: Transferable[] = []): void {
    this.pipeline.postMessage(request, transfer);
  }
}
