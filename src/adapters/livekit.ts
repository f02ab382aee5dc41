/**
 * `virtual-bg-camera/livekit`: the virtual background as a LiveKit track processor.
 *
 * ```ts
 * const processor = createLiveKitProcessor({ blur: 'medium' });
 * await localVideoTrack.setProcessor(processor);
 * processor.configure({ backgroundColor: '#0b6' });
 * await localVideoTrack.stopProcessor(); // ends the processed track, releases the workers
 * ```
 */
import type { VirtualBackgroundOptions } from '../processor/index.js';
import { AdapterEvents } from './adapter-events.js';
import { ProcessorRun } from './processor-run.js';

export type { VirtualBackgroundOptions, VirtualBackgroundEventMap, ErrorEventDetail, StatsEventDetail } from '../processor/index.js';

/** What LiveKit passes to `init` and `restart` (its `ProcessorOptions<Track.Kind.Video>`); only `track` is read. */
export interface LiveKitProcessorOptions {
  readonly track: MediaStreamTrack;
  readonly kind?: string;
  readonly element?: HTMLMediaElement;
}

/**
 * A LiveKit `TrackProcessor<Track.Kind.Video>` (`localVideoTrack.setProcessor(...)`), typed
 * without importing livekit-client. `processedTrack` is the processor's output track; `init` resolves
 * once it exists (before the model has loaded: fail-closed frames until `ready`) and rejects
 * with a `VirtualBgCameraError` when the processor cannot start (the SDK then keeps the camera).
 */
export class LiveKitVirtualBackground extends AdapterEvents {
  readonly name = 'virtual-bg-camera';
  processedTrack?: MediaStreamTrack;
  private readonly run: ProcessorRun;

  constructor(options: VirtualBackgroundOptions = {}) {
    super();
    this.run = new ProcessorRun(this, options);
  }

  /** Called by `setProcessor`: starts processing `track`. */
  async init({ track }: LiveKitProcessorOptions): Promise<void> {
    this.processedTrack = await this.run.process(track);
  }

  /** Called when the SDK's camera track changes (`restartTrack`, device switch): keeps the processed track. */
  async restart({ track }: LiveKitProcessorOptions): Promise<void> {
    this.processedTrack = await this.run.process(track);
  }

  /** Called by `stopProcessor` and when the track stops: ends the processed track and releases the workers. */
  destroy(): Promise<void> {
    this.run.stop();
    this.processedTrack = undefined;
    return Promise.resolve();
  }

  /** Changes options while it runs (and for later runs); see `VirtualBackground.configure`. */
  configure(options: VirtualBackgroundOptions): void {
    this.run.configure(options);
  }
}

/** A LiveKit video track processor that blurs, paints or replaces the background. */
export function createLiveKitProcessor(options: VirtualBackgroundOptions = {}): LiveKitVirtualBackground {
  return new LiveKitVirtualBackground(options);
}
