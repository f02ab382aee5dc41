import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelDescriptor } from '../../inference/model-descriptors.js';
import { resizeForModel } from '../../inference/model-input.js';
import type { BackendInfo, Segmenter } from '../../inference/segmenter.js';
import { TfjsSegmenter } from '../../inference/tfjs-segmenter.js';
import { Compositor } from '../../render/compositor.js';
import type { Effect } from '../../render/effect.js';
import { VirtualBgCameraError, type StatsEventDetail, type TrackEventDetail } from '../virtual-bg-camera/events.js';

export interface RenderLoopCallbacks {
  onTrack(detail: TrackEventDetail): void;
  onReady(): void;
  onError(error: VirtualBgCameraError): void;
  onStats(stats: StatsEventDetail): void;
}

const STATS_PERIOD_MS = 1000;

/**
 * Owns the pipeline from input stream to output track: the frame source (a hidden
 * video element paced by `requestVideoFrameCallback`), the segmenter and the compositor.
 *
 * Each camera frame is segmented and then drawn, so the mask matches the frame it is
 * drawn with. While an inference is still running, frames are drawn with the newest
 * mask rather than waiting. Until a mask exists for the current source, the compositor
 * treats the whole frame as background: no raw room is shown when an effect is set.
 */
export class RenderLoopController implements ReactiveController {
  private compositor: Compositor | null = null;
  private segmenter: Segmenter | null = null;
  private segmenterModel: ModelDescriptor | null = null;
  /** Identifies the newest model load; an older one that settles late is discarded. */
  private modelLoad: object | null = null;
  private readonly video = createFrameVideo();
  private output: MediaStream | null = null;
  private effect: Effect = { kind: 'none' };
  private frameCallback = 0;
  private inferring = false;
  private hasMask = false;
  private readyFired = false;
  /** Bumped by every start/stop/source change, so late async results from a previous run are dropped. */
  private generation = 0;
  private readonly stats = { since: 0, frames: 0, inferenceMs: [] as number[], renderMs: [] as number[] };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: RenderLoopCallbacks,
  ) {
    host.addController(this);
  }

  /** The preview/output canvas, once the pipeline has started. */
  get canvas(): HTMLCanvasElement | null {
    return this.compositor?.canvas ?? null;
  }

  /** The output track, while running. */
  get track(): MediaStreamTrack | null {
    return this.output?.getVideoTracks()[0] ?? null;
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
      this.output = this.compositor.canvas.captureStream();
      this.host.requestUpdate();
    }
    this.loadModel(model);
    this.setSource(stream);
    const track = this.track;
    if (track && this.output) this.callbacks.onTrack({ track, stream: this.output });
  }

  /** Switches the input stream, keeping the output track (a call's sender keeps working). */
  setSource(stream: MediaStream): void {
    this.generation++;
    this.forgetMask();
    this.video.srcObject = stream;
    this.video.play().catch(() => undefined);
    this.scheduleFrame();
  }

  /** Uses `model` for the following frames; loads it unless it is already the current one. */
  loadModel(model: ModelDescriptor): void {
    if (this.segmenterModel === model) return;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.segmenterModel = model;
    this.forgetMask();
    const load = (this.modelLoad = {});
    TfjsSegmenter.create(model).then(
      (segmenter) => {
        if (this.modelLoad !== load) {
          segmenter.dispose();
          return;
        }
        this.segmenter = segmenter;
      },
      (error: unknown) => {
        if (this.modelLoad !== load) return;
        this.segmenterModel = null;
        this.callbacks.onError(
          new VirtualBgCameraError('model-load-failed', `The ${model.name} model failed to load: ${describe(error)}`, {
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

  /** Releases everything: frame callbacks, output track, WebGL context, model. */
  stop(): void {
    this.generation++;
    if (this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.frameCallback = 0;
    this.video.pause();
    this.video.srcObject = null;
    this.output?.getTracks().forEach((track) => track.stop());
    this.output = null;
    this.segmenter?.dispose();
    this.segmenter = null;
    this.segmenterModel = null;
    this.modelLoad = null;
    this.compositor?.destroy();
    this.compositor = null;
    this.inferring = false;
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

  private scheduleFrame(): void {
    if (this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.frameCallback = this.video.requestVideoFrameCallback(() => this.onFrame());
  }

  private onFrame(): void {
    this.frameCallback = 0;
    if (!this.compositor) return;
    this.scheduleFrame();
    if (this.segmenter && !this.inferring && this.effect.kind !== 'none') {
      void this.segmentThenDraw(this.segmenter, this.generation);
    } else {
      this.draw();
    }
  }

  private async segmentThenDraw(segmenter: Segmenter, generation: number): Promise<void> {
    this.inferring = true;
    const started = performance.now();
    try {
      const frame = await resizeForModel(this.video, segmenter.inputWidth, segmenter.inputHeight);
      const mask = await segmenter.segment(frame);
      if (generation !== this.generation || !this.compositor) return;
      this.compositor.setMask(mask);
      this.hasMask = true;
      this.stats.inferenceMs.push(performance.now() - started);
    } catch {
      // A failed inference leaves no trustworthy mask: fail closed until the next one works.
      if (generation === this.generation) this.forgetMask();
    } finally {
      this.inferring = false;
    }
    if (generation === this.generation) this.draw();
  }

  private draw(): void {
    const compositor = this.compositor;
    if (!compositor) return;
    const started = performance.now();
    compositor.render(this.video);
    const now = performance.now();
    this.stats.renderMs.push(now - started);
    this.stats.frames++;
    if (!this.readyFired && (this.effect.kind === 'none' || this.hasMask)) {
      this.readyFired = true;
      this.callbacks.onReady();
    }
    this.reportStats(now);
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
      width: this.video.videoWidth,
      height: this.video.videoHeight,
    });
    stats.since = now;
    stats.frames = 0;
    stats.inferenceMs.length = 0;
    stats.renderMs.length = 0;
  }
}

function createFrameVideo(): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  return video;
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
