import {
  createVirtualBackground,
  type VirtualBackground,
  type VirtualBackgroundEventMap,
  type VirtualBackgroundOptions,
} from '../processor/index.js';

const EVENTS = ['ready', 'error', 'stats'] as const satisfies readonly (keyof VirtualBackgroundEventMap)[];

/**
 * What every adapter does with the processor: one `VirtualBackground` at a time over the track
 * the SDK hands over. The first track starts it, a later one moves it (same output track),
 * `stop()` ends it when the SDK lets go, and the next track starts a new one. Its events are
 * re-dispatched on `events`, which outlives each run.
 */
export class ProcessorRun {
  private readonly events: EventTarget;
  private readonly initial: VirtualBackgroundOptions;
  /** Every `configure()` so far, merged: replayed on each new run after the creation options. */
  private later: VirtualBackgroundOptions = {};
  private starting: Promise<VirtualBackground> | null = null;
  private current: VirtualBackground | null = null;

  constructor(events: EventTarget, options: VirtualBackgroundOptions) {
    this.events = events;
    this.initial = { ...options };
  }

  /**
   * Processes `input` from now on; resolves with the output track. Rejects as
   * `createVirtualBackground` and `setInput` do (a `VirtualBgCameraError`), or with an
   * `AbortError` when `stop()` came first.
   */
  async process(input: MediaStreamTrack): Promise<MediaStreamTrack> {
    if (this.starting) await this.starting.catch(() => undefined);
    const running = this.current;
    if (running && running.track.readyState !== 'ended') {
      await running.setInput(input);
      return running.track;
    }
    return (await this.start(input)).track;
  }

  /** Options for this run and the next ones; as `VirtualBackground.configure`. */
  configure(options: VirtualBackgroundOptions): void {
    this.later = { ...this.later, ...options };
    this.current?.configure(options);
  }

  /** Ends the output track and releases the workers, now or as soon as a start in flight ends. */
  stop(): void {
    this.starting = null;
    this.current?.stop();
    this.current = null;
  }

  private start(input: MediaStreamTrack): Promise<VirtualBackground> {
    this.current = null;
    const starting: Promise<VirtualBackground> = createVirtualBackground(input, this.initial).then(
      (vb) => {
        if (this.starting !== starting) {
          vb.stop();
          throw new DOMException('The virtual background was stopped while it started.', 'AbortError');
        }
        this.starting = null;
        this.current = vb;
        for (const type of EVENTS) {
          vb.addEventListener(type, (event: CustomEvent<unknown>) => this.events.dispatchEvent(new CustomEvent(type, { detail: event.detail })));
        }
        if (Object.keys(this.later).length) vb.configure(this.later);
        return vb;
      },
      (error: unknown) => {
        if (this.starting === starting) this.starting = null;
        throw error;
      },
    );
    this.starting = starting;
    return starting;
  }
}
