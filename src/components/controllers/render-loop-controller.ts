import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PipelineClient } from '../../pipeline/client/pipeline-client.js';
import type { PipelineNotice } from '../../shared/protocol.js';
import type { PipelineSettings } from '../../shared/settings.js';
import type { TrackEventDetail } from '../virtual-bg-camera/events.js';

/** The pipeline's events, and `track` once an output track exists. */
export type RenderLoopEvent = PipelineNotice | ({ readonly type: 'track' } & TrackEventDetail);

/**
 * Owns the element's pipeline (input track → segmenter → compositor → output track), which
 * runs in workers (see `PipelineClient`). This controller ties its lifetime to the element and
 * remembers the settings, so a pipeline created later starts with the current ones.
 */
export class RenderLoopController implements ReactiveController {
  private client: PipelineClient | null = null;
  private settings: Partial<PipelineSettings> = { effect: { kind: 'none' }, quality: 'auto' };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly emit: (event: RenderLoopEvent) => void,
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

  /** Starts processing `stream` with the current settings. Rejects with `webgl-unavailable` when compositing cannot start. */
  async start(stream: MediaStream): Promise<void> {
    if (!this.client) {
      const client = await PipelineClient.create(this.emit);
      // The element stops this controller if it was stopped meanwhile (see its start()).
      this.client = client;
      client.configure(this.settings);
      this.host.requestUpdate();
    }
    const client = this.client;
    this.setSource(stream);
    this.emit({ type: 'track', track: client.track, stream: client.stream });
  }

  /** Switches the input stream, keeping the output track (a call's sender keeps working). */
  setSource(stream: MediaStream): void {
    const track = stream.getVideoTracks()[0];
    if (track) this.client?.setInput(track);
  }

  /** Remembers `settings` and, while running, sends them in one message; applied from the next frame. */
  configure(settings: Partial<PipelineSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.client?.configure(settings);
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
