/**
 * `virtual-bg-camera/vonage`: the virtual background as a Vonage Video media processor connector.
 *
 * ```ts
 * const connector = createVonageConnector({ blur: 'medium' });
 * await publisher.setVideoMediaProcessorConnector(connector);
 * connector.configure({ backgroundColor: '#0b6' });
 * ```
 */
import type { VirtualBackgroundOptions } from '../processor/index.js';
import { AdapterEvents } from './adapter-events.js';
import { ProcessorRun } from './processor-run.js';

export type { VirtualBackgroundOptions, VirtualBackgroundEventMap, ErrorEventDetail, StatsEventDetail } from '../processor/index.js';

/**
 * A `MediaProcessorConnector` (the interface of `@vonage/media-processor`, and the type
 * `setVideoMediaProcessorConnector` takes; declared here, importing neither): the publisher hands its camera track to `setTrack` and publishes the track it
 * resolves with; it calls `destroy` when the connector is replaced or cleared, or the publisher
 * is destroyed, and then stops the camera track itself.
 */
export class VonageVirtualBackground extends AdapterEvents {
  private readonly run: ProcessorRun;

  constructor(options: VirtualBackgroundOptions = {}) {
    super();
    this.run = new ProcessorRun(this, options);
  }

  /**
   * Processes `track`; resolves with the processed track (fail-closed frames until `ready`).
   * Rejects with a `VirtualBgCameraError` when the processor cannot start.
   */
  setTrack(track: MediaStreamTrack): Promise<MediaStreamTrack> {
    return this.run.process(track);
  }

  /** Ends the processed track and releases the workers. The camera track is the publisher's. */
  destroy(): Promise<void> {
    this.run.stop();
    return Promise.resolve();
  }

  /** Changes options while it runs (and for later runs); see `VirtualBackground.configure`. */
  configure(options: VirtualBackgroundOptions): void {
    this.run.configure(options);
  }
}

/** A Vonage media processor connector that blurs, paints or replaces the background. */
export function createVonageConnector(options: VirtualBackgroundOptions = {}): VonageVirtualBackground {
  return new VonageVirtualBackground(options);
}
