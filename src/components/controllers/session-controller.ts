import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InputSpec } from '../../processor/camera-input.js';
import { Session, type BackgroundSource, type SessionEvent } from '../../processor/session.js';
import type { PipelineSettings } from '../../shared/settings.js';

/**
 * Ties a `Session` to the element: one run per `start()`, ended by `stop()` or by removal from
 * the page, which both abort the run's signal (the session then tears down in reverse build
 * order). Everything else about the run lives in the session.
 */
export class SessionController implements ReactiveController {
  private readonly session: Session;
  private run: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    emit: (event: SessionEvent) => void,
    /** A start or an input switch failed; the run has ended. */
    private readonly onFailure: (error: unknown) => void,
  ) {
    this.session = new Session((event) => {
      if (event.type === 'track' || event.type === 'stopped') host.requestUpdate(); // the preview's stream changed
      emit(event);
    });
    host.addController(this);
  }

  /** A run is on, or starting. */
  get active(): boolean {
    return this.run !== null;
  }

  get track(): MediaStreamTrack | null {
    return this.session.track;
  }

  get stream(): MediaStream | null {
    return this.session.stream;
  }

  /** Starts a run unless one is on; resolves once it runs, was stopped, or failed (see `onFailure`). */
  async start(): Promise<void> {
    if (this.run) return;
    const run = (this.run = new AbortController());
    try {
      // Connecting calls start() before Lit's first update has read and validated the
      // attributes; wait for it, or the camera would open with the defaults.
      await this.host.updateComplete;
      await this.session.start(run.signal);
    } catch (error) {
      this.failed(run, error);
    }
  }

  /** Ends the run. The one path for `stop()` and for removal from the page. */
  stop(): void {
    this.run?.abort();
    this.run = null;
  }

  configure(settings: Partial<PipelineSettings>): void {
    this.session.configure(settings);
  }

  /** Feeds a video background from `source` (null: none). */
  setBackground(source: BackgroundSource | null): void {
    this.session.setBackground(source);
  }

  /** Uses `input` from now on; a running session re-opens it, keeping the output track. */
  setInput(input: InputSpec): void {
    const run = this.run;
    this.session.setInput(input).catch((error: unknown) => run && this.failed(run, error));
  }

  hostDisconnected(): void {
    this.stop();
  }

  private failed(run: AbortController, error: unknown): void {
    if (run.signal.aborted) return;
    this.stop();
    this.onFailure(error);
  }
}
