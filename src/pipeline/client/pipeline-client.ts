import { WASM_FILES } from '../../inference/runtime-files.js';
import type { SegmenterInit } from '../../inference/segmenter-protocol.js';
import { errorMessage } from '../../shared/error-message.js';
import { VirtualBgCameraError } from '../../shared/errors.js';
import {
  PAGE_PIPELINE,
  type PageCanvasOutput,
  type PipelineEvent,
  type PipelineNotice,
  type PipelineRequest,
  type ServePipeline,
} from '../../shared/protocol.js';
import type { PipelineSettings } from '../../shared/settings.js';
import type { PipelinePaths } from '../../shared/stats.js';
// The page host, built like a worker script and loaded by URL only where workers lack WebGL2.
import pagePipelineUrl from '../host/page-pipeline.ts?worker&url';
import { openBackgroundFeed, type BackgroundSource } from './background-feed.js';
import { openCameraFeed, type CameraFeed } from './camera-feed.js';
import { createOutputTrack, type OutputTrack } from './output-track.js';

/** Workers resolve nothing against the page: they are sent absolute URLs. */
const absolute = (url: string) => new URL(url, document.baseURI).href;
const absoluteAll = (urls: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(urls).map(([file, url]) => [file, absolute(url)]));

/** Where the pipeline runs: the endpoint it is spoken to through, and how it is ended. */
interface PipelineHost {
  readonly endpoint: {
    postMessage(message: PipelineRequest, transfer: Transferable[]): void;
    addEventListener(type: 'message', listener: (event: MessageEvent<PipelineEvent>) => void): void;
  };
  /** Releases everything the host holds. */
  end(): void;
  /** Resolves with a message if the host fails before it answers (a worker script error). */
  readonly failed: Promise<string>;
}

/**
 * The page side of the pipeline. The segmenter (TFJS) always runs in a worker. The pipeline
 * (frames, compositing, output) runs in a second worker where workers have WebGL2, and
 * otherwise on the page (WebKit without WebGL in workers), behind the same messages; it is
 * joined to the segmenter by a `MessageChannel`. Inputs and outputs are chosen by feature
 * detection: see `openCameraFeed` and `createOutputTrack`.
 */
export class PipelineClient {
  readonly stream: MediaStream;
  private feed: CameraFeed | null = null;
  private inputs = 0;
  private backgroundFeed: CameraFeed | null = null;
  private backgrounds = 0;
  private stopped = false;

  private constructor(
    private readonly host: PipelineHost,
    private readonly segmenter: Worker,
    private readonly output: OutputTrack,
    private readonly emit: (event: PipelineNotice) => void,
  ) {
    this.stream = new MediaStream([output.track]);
  }

  get track(): MediaStreamTrack {
    return this.output.track;
  }

  /**
   * Starts the pipeline in a worker, or on the page when workers cannot get WebGL2. Rejects
   * with `webgl-unavailable` when neither can. `emit` gets the pipeline's events as they come
   * (`input-ended` only for the current input).
   */
  static async create(emit: (event: PipelineNotice) => void): Promise<PipelineClient> {
    // Started now, so it loads while the compositor starts; joined to the host that succeeds.
    const segmenter = new Worker(new URL('../../inference/segmenter.worker.ts', import.meta.url), {
      type: 'module',
      name: 'virtual-bg-camera segmenter',
    });
    const failures: string[] = [];
    for (const compositor of ['worker', 'page'] as const) {
      let output: OutputTrack | null = null;
      let host: PipelineHost | null = null;
      try {
        output = createOutputTrack(compositor);
        host = compositor === 'worker' ? workerHost() : await pageHost(output.pageOutput);
        const client = new PipelineClient(host, segmenter, output, emit);
        await client.init(compositor);
        return client;
      } catch (error) {
        host?.end();
        output?.track.stop();
        failures.push(`${compositor === 'worker' ? 'in a worker' : 'on the page'}: ${errorMessage(error)}`);
      }
    }
    segmenter.terminate();
    throw new VirtualBgCameraError('webgl-unavailable', `The compositor could not start (${failures.join('; ')}).`);
  }

  /** Sends `init`; resolves once the host has its compositor (and is joined to the segmenter), rejects if it has none. */
  private async init(compositor: PipelinePaths['compositor']): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      this.host.endpoint.addEventListener('message', ({ data: event }) => {
        if (this.stopped) return;
        if (settled) return this.receive(event);
        if (event.type === 'created') {
          settled = true;
          resolve();
        } else if (event.type === 'error') {
          settled = true;
          reject(new VirtualBgCameraError(event.code, event.message));
        }
      });
      void this.host.failed.then((message) => {
        if (settled) return;
        settled = true;
        reject(new VirtualBgCameraError('webgl-unavailable', `The pipeline failed to start: ${message}`));
      });
      this.post({ type: 'init', output: this.output.target, compositor }, this.output.transfer);
    });
    const channel = new MessageChannel();
    const init: SegmenterInit = { port: channel.port1, wasmFiles: absoluteAll(WASM_FILES) };
    this.segmenter.postMessage(init, [channel.port1]);
    this.post({ type: 'segmenter', port: channel.port2 }, [channel.port2]);
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

  /** Feeds a video background's frames from `source` (null: none) to the pipeline, apart from the input's. */
  setBackground(source: BackgroundSource | null): void {
    this.backgroundFeed?.stop();
    this.backgroundFeed = null;
    const background = ++this.backgrounds;
    if (!source) return this.post({ type: 'background', background, frames: 'none' });
    const feed = openBackgroundFeed(source);
    this.backgroundFeed = feed;
    if (feed.kind === 'stream') return this.post({ type: 'background', background, frames: feed.frames }, [feed.frames]);
    this.post({ type: 'background', background, frames: 'posted' });
    feed.start(
      (frame) => this.post({ type: 'background-frame', background, frame }, [frame]),
      () => undefined,
    );
  }

  /**
   * Sends new settings in one message; absent fields keep their values. Model URLs are made
   * absolute (the worker resolves nothing against the page); an image is copied to the host,
   * and the caller keeps its own.
   */
  configure(settings: Partial<PipelineSettings>): void {
    const { model } = settings;
    const sent = model
      ? { ...settings, model: { ...model, modelUrl: absolute(model.modelUrl), weightUrls: model.weightUrls && absoluteAll(model.weightUrls) } }
      : settings;
    this.post({ type: 'configure', settings: sent });
  }

  /**
   * Ends the output track and the pipeline. Resources are really released here: terminating
   * a worker frees its WebGL context, model and frames at once; the page host destroys its own.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.feed?.stop();
    this.feed = null;
    this.backgroundFeed?.stop();
    this.backgroundFeed = null;
    this.output.track.stop();
    this.host.end();
    this.segmenter.terminate();
  }

  private receive(event: PipelineEvent): void {
    switch (event.type) {
      case 'created':
        return;
      case 'bitmap':
        return this.output.show(event.bitmap);
      case 'input-ended':
        // An input switched away from ends too: only the current one's end is news.
        if (event.input === this.inputs) this.emit(event);
        return;
      default:
        return this.emit(event);
    }
  }

  private post(request: PipelineRequest, transfer: Transferable[] = []): void {
    this.host.endpoint.postMessage(request, transfer);
  }
}

function workerHost(): PipelineHost {
  const worker = new Worker(new URL('../host/pipeline.worker.ts', import.meta.url), {
    type: 'module',
    name: 'virtual-bg-camera pipeline',
  });
  return {
    endpoint: worker,
    end: () => worker.terminate(),
    failed: new Promise((resolve) => worker.addEventListener('error', (event) => resolve(event.message || 'worker error'))),
  };
}

/**
 * The pipeline on the page, for browsers whose workers have no WebGL2. Loaded only then, so
 * other pages never download the compositor into the page.
 */
async function pageHost(pageOutput: PageCanvasOutput | null): Promise<PipelineHost> {
  await import(/* @vite-ignore */ new URL(pagePipelineUrl, import.meta.url).href);
  const servePipeline = (globalThis as unknown as Record<symbol, ServePipeline | undefined>)[PAGE_PIPELINE];
  if (!servePipeline) throw new Error('The page compositor module did not load.');
  const channel = new MessageChannel();
  servePipeline(channel.port2, pageOutput);
  channel.port1.start();
  return {
    endpoint: channel.port1,
    // The host closes the channel once destroyed; closing it here could drop the message.
    end: () => channel.port1.postMessage({ type: 'destroy' } satisfies PipelineRequest),
    failed: new Promise(() => undefined),
  };
}
