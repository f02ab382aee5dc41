import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PipelineClient } from '../../pipeline/client/pipeline-client.js';
import type { Effect } from '../../shared/effect.js';
import type { VirtualBgCameraError } from '../../shared/errors.js';
import type { MatteOptions } from '../../shared/matte-options.js';
import type { ModelDescriptor } from '../../shared/model.js';
import type { Quality } from '../../shared/quality.js';
import type { StatsEventDetail } from '../../shared/stats.js';
import type { TrackEventDetail } from '../virtual-bg-camera/events.js';

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

/**
 * Owns the element's pipeline (input track → segmenter → compositor → output track), which
 * runs in workers (see `PipelineClient`). This controller ties its lifetime to the element and
 * remembers the settings, so a pipeline created later starts with the current ones.
 */
export class RenderLoopController implements ReactiveController {
  private client: PipelineClient | null = null;
  private effect: Effect = { kind: 'none' };
  private quality: Quality = 'auto';
  private matteOptions: MatteOptions | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: RenderLoopCallbacks,
  ) {
    host.addController(this);
  }

  /** The output stream (what the preview shows), while running. */
  get stream(): MediaStream | null {
    return this.client?.stream ?? null;
  }

  /** The output track, while running. */
  get track(): MediaStreamTrack | null {
    return this.client?.track ?? null;
  }

  get running(): boolean {
    return this.client !== null;
  }

  /** Starts processing `stream` with `model`. Rejects with `webgl-unavailable` when compositing cannot start. */
  async start(stream: MediaStream, model: ModelDescriptor): Promise<void> {
    if (!this.client) {
      const callbacks = this.callbacks;
      const client = await PipelineClient.create({
        ready: () => callbacks.onReady(),
        stats: (stats) => callbacks.onStats(stats),
        inputEnded: () => callbacks.onInputEnded(),
        modelProgress: (fraction) => callbacks.onModelProgress(fraction),
        error: (error) => callbacks.onError(error),
      });
      // The element stops this controller if it was stopped meanwhile (see its start()).
      this.client = client;
      client.setEffect(this.effect);
      client.setQuality(this.quality);
      if (this.matteOptions) client.setMatteOptions(this.matteOptions);
      this.host.requestUpdate();
    }
    const client = this.client;
    this.loadModel(model);
    this.setSource(stream);
    this.callbacks.onTrack({ track: client.track, stream: client.stream });
  }

  /** Switches the input stream, keeping the output track (a call's sender keeps working). */
  setSource(stream: MediaStream): void {
    const track = stream.getVideoTracks()[0];
    if (track) this.client?.setInput(track);
  }

  /** Uses `model` for the following frames; the worker keeps it if it is already loaded. */
  loadModel(model: ModelDescriptor): void {
    this.client?.loadModel(model);
  }

  setEffect(effect: Effect): void {
    this.effect = effect;
    this.client?.setEffect(effect);
  }

  setQuality(quality: Quality): void {
    this.quality = quality;
    this.client?.setQuality(quality);
  }

  /** Edge refinement, temporal smoothing and light wrap; applied from the next frame. */
  setMatteOptions(options: MatteOptions): void {
    this.matteOptions = options;
    this.client?.setMatteOptions(options);
  }

  /** Releases everything: workers (WebGL context, model, tensors) and the output track. */
  stop(): void {
    this.client?.stop();
    this.client = null;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
  }
}
