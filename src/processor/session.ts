import type { BackgroundSource } from '../pipeline/client/background-feed.js';
import { PipelineClient } from '../pipeline/client/pipeline-client.js';
import type { PipelineNotice } from '../shared/protocol.js';
import type { PipelineSettings } from '../shared/settings.js';
import { CameraInput, type InputSpec } from './camera-input.js';

export type { BackgroundSource } from '../pipeline/client/background-feed.js';

/** What a session reports: the pipeline's events (but `input-ended`, which it handles), and its own. */
export type SessionEvent =
  | Exclude<PipelineNotice, { readonly type: 'input-ended' }>
  /** An output track exists: the same object for the whole run, through input switches. */
  | { readonly type: 'track'; readonly track: MediaStreamTrack; readonly stream: MediaStream }
  /** The run ended (stopped, or failed): everything it built has been released. */
  | { readonly type: 'stopped' };

/** One start-to-stop run: what it built, and how to release it. */
interface Run {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  readonly teardown: Teardown;
  readonly camera: CameraInput;
  client: PipelineClient | null;
}

/**
 * One virtual-background session: an input (a camera it opens, or a caller's stream) → the
 * pipeline (workers) → an output track. It knows nothing of Lit or of a preview, so the element
 * and a headless API can both drive it.
 *
 * - `start(signal)` builds the run in order: input, pipeline, then frames flowing between them.
 *   Aborting `signal` is the one way to stop it: the run is torn down in reverse build order,
 *   whenever the abort comes, also halfway through start-up (a part finished after the abort
 *   is released as soon as it exists).
 * - `configure()` may come at any time: settings are kept and sent to each new pipeline.
 * - A start or an input switch that fails ends the run and rejects.
 */
export class Session {
  private settings: Partial<PipelineSettings> = { effect: { kind: 'none' }, quality: 'auto' };
  private input: InputSpec = { kind: 'camera', constraints: {} };
  private background: BackgroundSource | null = null;
  private run: Run | null = null;

  constructor(private readonly emit: (event: SessionEvent) => void) {}

  /** The output track, while running. */
  get track(): MediaStreamTrack | null {
    return this.run?.client?.track ?? null;
  }

  /** The output stream (the track in a `MediaStream`), while running. */
  get stream(): MediaStream | null {
    return this.run?.client?.stream ?? null;
  }

  /** Keeps `settings` for the following runs and, while running, sends them in one message. */
  configure(settings: Partial<PipelineSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.run?.client?.configure(settings);
  }

  /** Feeds a video background from `source` (null: none), in this run and the following ones. */
  setBackground(source: BackgroundSource | null): void {
    if (source === this.background) return;
    this.background = source;
    this.run?.client?.setBackground(source);
  }

  /**
   * Uses `input` from now on. While running, opens it and moves the pipeline onto it; the
   * output track stays the same. Rejects, after ending the run, when it cannot be opened.
   */
  async setInput(input: InputSpec): Promise<void> {
    this.input = input;
    const run = this.run;
    if (!run) return;
    try {
      await run.camera.open(input, run.signal, (stream) => this.feed(run, stream));
    } catch (error) {
      if (run.signal.aborted) return;
      this.end(run);
      throw error;
    }
  }

  /**
   * Opens the input and starts the pipeline; resolves once frames flow, or once `signal` has
   * aborted. Rejects, after releasing what it built, when the input or the pipeline cannot
   * start. Does nothing while a run is on.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.run || signal.aborted) return;
    const controller = new AbortController();
    const run: Run = { controller, signal: controller.signal, teardown: new Teardown(), camera: new CameraInput(), client: null };
    this.run = run;
    signal.addEventListener('abort', () => this.end(run), { once: true, signal: run.signal });
    try {
      // 1. The input. Released last.
      run.teardown.add(() => run.camera.close());
      await run.camera.open(this.input, run.signal);
      if (run.signal.aborted) return;
      // 2. The pipeline: workers, output track. Released before the input, so it never sees
      // its input end; released at once if the run ended while it started.
      const client = await PipelineClient.create((event) => this.receive(run, event));
      run.teardown.add(() => {
        run.client = null;
        client.stop();
      });
      if (run.signal.aborted) return;
      run.client = client;
      client.configure(this.settings);
      if (this.background) client.setBackground(this.background);
      // 3. Frames flow: the newest input (a switch may have happened meanwhile) into the pipeline.
      const stream = run.camera.stream;
      if (stream) this.feed(run, stream);
      this.emit({ type: 'track', track: client.track, stream: client.stream });
    } catch (error) {
      if (run.signal.aborted) return;
      this.end(run);
      throw error;
    }
  }

  /** Ends `run`: releases what it built, in reverse order. Idempotent. */
  private end(run: Run): void {
    if (run.signal.aborted) return;
    run.controller.abort();
    run.teardown.release();
    if (this.run === run) this.run = null;
    this.emit({ type: 'stopped' });
  }

  /** Moves the running pipeline onto `stream`; the output track stays the same. */
  private feed(run: Run, stream: MediaStream): void {
    const track = stream.getVideoTracks()[0];
    if (track) run.client?.setInput(track);
  }

  private receive(run: Run, event: PipelineNotice): void {
    if (run.signal.aborted) return;
    if (event.type === 'input-ended') void this.recoverInput(run);
    else this.emit(event);
  }

  /**
   * The input track ended without us stopping it. The output track stays live (same object)
   * so a call keeps its sender. A camera opened here is retried whenever devices change; a
   * caller's stream waits for the caller to set a new one.
   */
  private async recoverInput(run: Run): Promise<void> {
    const owned = this.input.kind === 'camera';
    this.emit({
      type: 'error',
      code: 'camera-ended',
      message: owned
        ? 'The camera stopped (unplugged, or taken by another app). Retrying when devices change.'
        : 'The `source` stream ended. Set a new `source` to continue.',
    });
    if (!owned) return;
    run.camera.close();
    while (!run.signal.aborted) {
      await run.camera.nextDeviceChange(run.signal);
      if (run.signal.aborted || this.input.kind !== 'camera') return;
      try {
        await run.camera.open(this.input, run.signal, (stream) => this.feed(run, stream));
        return;
      } catch {
        // Still no camera: wait for the next change.
      }
    }
  }
}

/** Release steps, run in reverse of the order they were added; a step added after `release()` runs at once. */
class Teardown {
  private readonly steps: (() => void)[] = [];
  private released = false;

  add(step: () => void): void {
    if (this.released) step();
    else this.steps.push(step);
  }

  /** Runs every step, even after one throws; then throws the first error. */
  release(): void {
    this.released = true;
    const errors: unknown[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length) throw errors[0];
  }
}
