import type { RemoteSegmenter, SegmenterChannel } from '../../inference/remote-segmenter.js';
import { ModelIncompatibleError } from '../../inference/segmenter.js';
import { Compositor } from '../../render/compositor.js';
import type { Effect } from '../../shared/effect.js';
import { errorMessage } from '../../shared/error-message.js';
import type { ModelDescriptor } from '../../shared/model.js';
import type { PipelineNotice } from '../../shared/protocol.js';
import type { PipelineSettings } from '../../shared/settings.js';
import type { PipelinePaths } from '../../shared/stats.js';
import type { FrameSink } from './frame-sink.js';
import { FrameStats } from './frame-stats.js';
import { DropCounter, InferenceRate } from './inference-rate.js';

/** Frames accepted but not yet published; beyond this the reader waits (the camera drops stale frames). */
const MAX_FRAMES_IN_FLIGHT = 2;

/**
 * The frame pipeline, run inside the pipeline worker: camera frames → segmenter (in its own
 * worker) → compositor → output.
 *
 * Pipelined: while frame t is drawn here, the segmenter already works on frame t+1. A frame
 * that got an inference waits for its own mask, so the mask never trails the person; a frame
 * that arrives while the segmenter is busy (or between inferences, see `quality`) is drawn with
 * the newest mask. Frames are published in order.
 *
 * Fail closed: until a mask exists for the current input and model, the compositor treats the
 * whole frame as background, so with an effect set the raw room is never shown.
 */
export class Pipeline {
  private segmenter: RemoteSegmenter | null = null;
  private channel: SegmenterChannel | null = null;
  /** A model asked for before the segmenter was connected. */
  private pendingModel: ModelDescriptor | null = null;
  private modelUrl: string | null = null;
  private modelLoad = 0;
  private effect: Effect = { kind: 'none' };
  private hasMask = false;
  private readyFired = false;
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private backgroundReader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private segmenting = false;
  private sinceInference = Infinity;
  private published: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly rate = new InferenceRate();
  private readonly drops = new DropCounter();
  private frameSize = { width: 0, height: 0 };
  private inputPath: PipelinePaths['input'] = '';
  private destroyed = false;
  private readonly stats = new FrameStats();

  private constructor(
    private readonly compositor: Compositor,
    private readonly sink: FrameSink,
    private readonly emit: (event: PipelineNotice) => void,
    private readonly compositorHost: PipelinePaths['compositor'],
  ) {}

  /** Builds the compositor on the sink's canvas; rejects when WebGL2 is unavailable. */
  static async create(
    sink: FrameSink,
    compositorHost: PipelinePaths['compositor'],
    emit: (event: PipelineNotice) => void,
  ): Promise<Pipeline> {
    return new Pipeline(await Compositor.create(sink.canvas), sink, emit, compositorHost);
  }

  /** Switches to a new input; the output (and so the call's track) stays the same. */
  setInput(frames: ReadableStream<VideoFrame>, input: number, path: PipelinePaths['input']): void {
    if (this.destroyed) return void frames.cancel().catch(() => undefined);
    this.inputPath = path;
    this.reader?.cancel().catch(() => undefined);
    this.forgetMask();
    this.drops.reset();
    const reader = frames.getReader();
    this.reader = reader;
    void this.pump(reader, input);
  }

  /**
   * Reads a video background's frames from `frames` (null: none) into the compositor, apart
   * from the camera's: a new frame only replaces the one kept, so the camera never waits for
   * the background. The frame kept from the last background is dropped at once.
   */
  setBackground(frames: ReadableStream<VideoFrame> | null): void {
    this.backgroundReader?.cancel().catch(() => undefined);
    this.backgroundReader = null;
    if (this.destroyed) return void frames?.cancel().catch(() => undefined);
    this.compositor.setBackgroundFrame(null);
    if (!frames) return;
    const reader = frames.getReader();
    this.backgroundReader = reader;
    void this.pumpBackground(reader);
  }

  /** Applies the fields `settings` has, from the next frame; the others keep their values. */
  configure(settings: Partial<PipelineSettings>): void {
    if (this.destroyed) return;
    if (settings.effect) this.setEffect(settings.effect);
    if (settings.quality) this.rate.setQuality(settings.quality);
    if (settings.matte) this.compositor.setMatteOptions(settings.matte);
    if (settings.model) this.loadModel(settings.model);
  }

  private setEffect(effect: Effect): void {
    const previous = this.effect;
    this.effect = effect;
    this.compositor.setEffect(effect);
    // The image came over as a structured clone that only this side holds.
    if (previous.kind === 'image' && (effect.kind !== 'image' || effect.image !== previous.image)) previous.image.close();
  }

  /** Connects the segmenter worker; a model asked for earlier starts loading now. */
  connectSegmenter(channel: SegmenterChannel): void {
    this.channel = channel;
    if (this.pendingModel) this.loadModel(this.pendingModel);
    this.pendingModel = null;
  }

  /** Uses `model` for the following frames; loads it unless it is already the current one. */
  private loadModel(model: ModelDescriptor): void {
    const channel = this.channel;
    if (!channel) return void (this.pendingModel = model);
    if (this.modelUrl === model.modelUrl) return;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.modelUrl = model.modelUrl;
    this.forgetMask();
    const load = ++this.modelLoad;
    const progress = (fraction: number) => {
      if (this.modelLoad === load) this.emit({ type: 'model-progress', fraction });
    };
    progress(0);
    // Weights download is most of the wait; 0.95 at most until the model is actually usable.
    channel.load(model, (fraction) => progress(Math.min(fraction, 0.95))).then(
      (segmenter) => {
        if (this.modelLoad !== load) return segmenter.dispose();
        this.segmenter = segmenter;
        progress(1);
      },
      (error: unknown) => {
        if (this.modelLoad !== load) return;
        this.modelUrl = null;
        this.emit({
          type: 'error',
          code: error instanceof ModelIncompatibleError ? 'model-incompatible' : 'model-load-failed',
          message: `The model "${model.name}" could not be used: ${errorMessage(error)}`,
        });
      },
    );
  }

  /**
   * Stops reading frames and releases the model and the WebGL context (the page host's
   * teardown; a worker host is terminated, which releases the same at once).
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.reader?.cancel().catch(() => undefined);
    this.reader = null;
    this.backgroundReader?.cancel().catch(() => undefined);
    this.backgroundReader = null;
    this.modelLoad++;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.setEffect({ kind: 'none' });
    // Frames already accepted finish drawing first.
    void this.published.then(() => this.compositor.destroy());
  }

  private forgetMask(): void {
    this.hasMask = false;
    this.sinceInference = Infinity;
    this.compositor.clearMask();
  }

  private async pump(reader: ReadableStreamDefaultReader<VideoFrame>, input: number): Promise<void> {
    for (;;) {
      let result: ReadableStreamReadResult<VideoFrame>;
      try {
        result = await reader.read();
      } catch {
        break;
      }
      if (result.done) break;
      if (this.reader !== reader) {
        result.value.close();
        return;
      }
      await this.accept(result.value);
    }
    if (this.reader === reader) this.emit({ type: 'input-ended', input });
  }

  private async pumpBackground(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
    for (;;) {
      const result = await reader.read().catch(() => null);
      if (!result || result.done) return;
      if (this.backgroundReader !== reader || this.destroyed) return result.value.close();
      this.compositor.setBackgroundFrame(result.value);
    }
  }

  /** Takes ownership of `frame`; resolves when the pipeline can take the next one. */
  private accept(frame: VideoFrame): Promise<void> {
    this.drops.observe(frame.timestamp);
    const mask = this.maybeSegment(frame);
    this.inFlight++;
    const done = this.published
      .then(() => mask)
      .then(() => this.draw(frame))
      .finally(() => {
        frame.close();
        this.inFlight--;
      });
    const previous = this.published;
    this.published = done.catch(() => undefined);
    return this.inFlight >= MAX_FRAMES_IN_FLIGHT ? previous : Promise.resolve();
  }

  /** Starts an inference on `frame` when one is due and the segmenter is free; resolves once its mask is set. */
  private maybeSegment(frame: VideoFrame): Promise<void> | null {
    const segmenter = this.segmenter;
    if (!segmenter || this.effect.kind === 'none' || this.segmenting) return null;
    if (++this.sinceInference < this.rate.interval) return null;
    this.sinceInference = 0;
    this.segmenting = true;
    return segmenter.segment(frame.clone()).then(
      (mask) => {
        this.segmenting = false;
        if (segmenter !== this.segmenter) return;
        this.compositor.setMask(mask);
        this.hasMask = true;
        this.stats.mask(segmenter.lastInferenceMs);
      },
      () => {
        this.segmenting = false;
        // No trustworthy mask for this frame: fail closed until an inference works again.
        if (segmenter === this.segmenter) this.forgetMask();
      },
    );
  }

  private draw(frame: VideoFrame): void {
    if (this.destroyed || this.compositor.contextLost) return;
    const started = performance.now();
    const timestamp = frame.timestamp;
    if (this.effect.kind === 'none' && this.sink.passThrough(frame, timestamp)) {
      this.frameSize = { width: frame.displayWidth, height: frame.displayHeight };
    } else {
      this.frameSize = this.compositor.render(frame);
      this.sink.publish(timestamp);
    }
    const now = performance.now();
    this.stats.frame(now - started);
    if (!this.readyFired && (this.effect.kind === 'none' || this.hasMask)) {
      this.readyFired = true;
      this.emit({ type: 'ready' });
    }
    this.reportStats(now);
  }

  /** Once a stats period is over: feeds `quality="auto"` and reports `stats`. */
  private reportStats(now: number): void {
    const period = this.stats.take(now, this.drops.dropped);
    if (!period) return;
    this.rate.update(period.frames, period.dropped);
    const backend = this.segmenter?.backendInfo ?? { backend: '', simd: false, threads: 0 };
    const { fps, inferenceFps, inferenceMs, renderMs } = period;
    this.emit({
      type: 'stats',
      stats: {
        fps,
        inferenceFps,
        inferenceMs,
        renderMs,
        ...backend,
        tensors: this.segmenter?.tensorCount() ?? 0,
        ...this.frameSize,
        input: this.inputPath,
        compositor: this.compositorHost,
        output: this.sink.kind,
      },
    });
  }
}
