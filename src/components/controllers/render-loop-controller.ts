import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelDescriptor } from '../../inference/model-descriptors.js';
import { resizeForModel } from '../../inference/model-input.js';
import { ModelIncompatibleError, type BackendInfo, type Segmenter } from '../../inference/segmenter.js';
import { TfjsSegmenter } from '../../inference/tfjs-segmenter.js';
import { Compositor } from '../../render/compositor.js';
import type { Effect } from '../../render/effect.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../../render/matte.js';
import { startFrameSource, type CameraFrame, type FrameSource } from '../../render/frame-source.js';
import { createTrackOutput, type TrackOutput } from '../../render/track-output.js';
import { VirtualBgCameraError, type StatsEventDetail, type TrackEventDetail } from '../virtual-bg-camera/events.js';

export interface RenderLoopCallbacks {
  onTrack(detail: TrackEventDetail): void;
  onReady(): void;
  onError(error: VirtualBgCameraError): void;
  onStats(stats: StatsEventDetail): void;
  /** The input track ended without being stopped here (device unplugged, owner stopped it). */
  onInputEnded(): void;
  /** Model download progress, 0..1, from the start of a load until the model is usable (1). */
  onModelProgress(fraction: number): void;
}

const STATS_PERIOD_MS = 1000;

/**
 * Owns the pipeline from input track to output track: frame source → segmenter →
 * compositor → track output.
 *
 * Each frame is segmented and then drawn, so the mask always matches the frame it is drawn
 * with. Until a mask exists for the current input (model loading, inference failed, input
 * just switched), the compositor treats the whole frame as background: with an effect set,
 * the raw room is never shown.
 */
export class RenderLoopController implements ReactiveController {
  private compositor: Compositor | null = null;
  private output: TrackOutput | null = null;
  private frames: FrameSource | null = null;
  private segmenter: Segmenter | null = null;
  private segmenterModel: ModelDescriptor | null = null;
  /** Identifies the newest model load; an older one that settles late is discarded. */
  private modelLoad: object | null = null;
  private effect: Effect = { kind: 'none' };
  private matteOptions: MatteOptions = DEFAULT_MATTE_OPTIONS;
  private hasMask = false;
  private readyFired = false;
  private frameSize = { width: 0, height: 0 };
  private readonly stats = { since: 0, frames: 0, inferenceMs: [] as number[], renderMs: [] as number[] };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: RenderLoopCallbacks,
  ) {
    host.addController(this);
  }

  /** The preview canvas, once the pipeline has started. */
  get canvas(): HTMLCanvasElement | null {
    return this.compositor?.canvas ?? null;
  }

  /** The output track, while running. */
  get track(): MediaStreamTrack | null {
    return this.output?.track ?? null;
  }

  get running(): boolean {
    return this.compositor !== null;
  }

  /** Starts processing `stream`: creates the compositor and output track, and begins loading the model. */
  async start(stream: MediaStream, model: ModelDescriptor): Promise<void> {
    if (!this.compositor) {
      try {
        this.compositor = await Compositor.create();
      } catch (error) {
        throw new VirtualBgCameraError('webgl-unavailable', `WebGL2 is not available: ${describe(error)}`, {
          cause: error,
        });
      }
      this.compositor.setEffect(this.effect);
      this.compositor.setMatteOptions(this.matteOptions);
      this.output = createTrackOutput(this.compositor.canvas);
      this.host.requestUpdate();
    }
    this.loadModel(model);
    this.setSource(stream);
    const output = this.output;
    if (output) this.callbacks.onTrack({ track: output.track, stream: output.stream });
  }

  /** Switches the input stream, keeping the output track (a call's sender keeps working). */
  setSource(stream: MediaStream): void {
    this.frames?.stop();
    this.frames = null;
    this.forgetMask();
    const track = stream.getVideoTracks()[0];
    if (!track || !this.compositor) return;
    const frames: FrameSource = startFrameSource(
      track,
      (frame, timestamp) => this.process(frame, timestamp),
      () => {
        if (this.frames === frames) this.callbacks.onInputEnded();
      },
    );
    this.frames = frames;
  }

  /** Uses `model` for the following frames; loads it unless it is already the current one. */
  loadModel(model: ModelDescriptor): void {
    if (this.segmenterModel?.modelUrl === model.modelUrl) return;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.segmenterModel = model;
    this.forgetMask();
    const load = (this.modelLoad = {});
    const progress = (fraction: number) => {
      if (this.modelLoad === load) this.callbacks.onModelProgress(fraction);
    };
    progress(0);
    // Weights download is most of the wait; 0.95 at most until the model is actually usable.
    TfjsSegmenter.create(model, (fraction) => progress(Math.min(fraction, 0.95))).then(
      (segmenter) => {
        if (this.modelLoad !== load) return segmenter.dispose();
        this.segmenter = segmenter;
        progress(1);
      },
      (error: unknown) => {
        if (this.modelLoad !== load) return;
        this.segmenterModel = null;
        const code = error instanceof ModelIncompatibleError ? 'model-incompatible' : 'model-load-failed';
        this.callbacks.onError(
          new VirtualBgCameraError(code, `The model "${model.name}" could not be used: ${describe(error)}`, {
            cause: error,
          }),
        );
      },
    );
  }

  setEffect(effect: Effect): void {
    this.effect = effect;
    this.compositor?.setEffect(effect);
  }

  /** Edge refinement, temporal smoothing and light wrap; applied from the next frame. */
  setMatteOptions(options: MatteOptions): void {
    this.matteOptions = options;
    this.compositor?.setMatteOptions(options);
  }

  /** Releases everything: frame source, output track, WebGL context, model. */
  stop(): void {
    this.frames?.stop();
    this.frames = null;
    this.output?.stop();
    this.output = null;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.segmenterModel = null;
    this.modelLoad = null;
    this.compositor?.destroy();
    this.compositor = null;
    this.hasMask = false;
    this.readyFired = false;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }

  private forgetMask(): void {
    this.hasMask = false;
    this.compositor?.clearMask();
  }

  /** One frame: segment it (when an effect needs a mask), draw it, publish it. */
  private async process(frame: CameraFrame, timestampUs: number): Promise<void> {
    const segmenter = this.segmenter;
    if (segmenter && this.effect.kind !== 'none') await this.segment(segmenter, frame);
    const compositor = this.compositor;
    const output = this.output;
    if (!compositor || !output || compositor.contextLost) return;
    const started = performance.now();
    this.frameSize = compositor.render(frame);
    output.push(compositor.canvas, timestampUs);
    const now = performance.now();
    this.stats.renderMs.push(now - started);
    this.stats.frames++;
    if (!this.readyFired && (this.effect.kind === 'none' || this.hasMask)) {
      this.readyFired = true;
      this.callbacks.onReady();
    }
    this.reportStats(now);
  }

  private async segment(segmenter: Segmenter, frame: CameraFrame): Promise<void> {
    const started = performance.now();
    try {
      const input = await resizeForModel(frame, segmenter.inputWidth, segmenter.inputHeight);
      const mask = await segmenter.segment(input);
      if (segmenter !== this.segmenter || !this.compositor) return;
      this.compositor.setMask(mask);
      this.hasMask = true;
      this.stats.inferenceMs.push(performance.now() - started);
    } catch {
      // No trustworthy mask for this frame: fail closed until an inference works again.
      if (segmenter === this.segmenter) this.forgetMask();
    }
  }

  private reportStats(now: number): void {
    const stats = this.stats;
    if (!stats.since) stats.since = now;
    const elapsed = now - stats.since;
    if (elapsed < STATS_PERIOD_MS) return;
    const backend: BackendInfo = this.segmenter?.backendInfo ?? { backend: '', simd: false, threads: 0 };
    this.callbacks.onStats({
      fps: (stats.frames * 1000) / elapsed,
      inferenceMs: median(stats.inferenceMs),
      renderMs: median(stats.renderMs),
      ...backend,
      tensors: this.segmenter?.tensorCount() ?? 0,
      ...this.frameSize,
    });
    stats.since = now;
    stats.frames = 0;
    stats.inferenceMs.length = 0;
    stats.renderMs.length = 0;
  }
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
