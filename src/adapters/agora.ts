/**
 * `virtual-bg-camera/agora`: the virtual background as an Agora Web SDK extension.
 *
 * ```ts
 * const extension = createAgoraExtension({ blur: 'medium' });
 * AgoraRTC.registerExtensions([extension]);
 * const processor = extension.createProcessor();
 * localVideoTrack.pipe(processor).pipe(localVideoTrack.processorDestination);
 * processor.configure({ backgroundColor: '#0b6' });
 * ```
 */
import { Extension, VideoProcessor, type IProcessorContext } from 'agora-rte-extension';
import { VirtualBgCameraError, type VirtualBackgroundOptions } from '../processor/index.js';
import { AdapterEvents, type VirtualBackgroundEventTarget } from './adapter-events.js';
import { ProcessorRun } from './processor-run.js';

export type { VirtualBackgroundOptions, VirtualBackgroundEventMap, ErrorEventDetail, StatsEventDetail } from '../processor/index.js';

/**
 * Agora's `VideoProcessor` over the headless processor. Piped after a local video track, it
 * outputs the processed track; `disable()` passes the camera through and releases the
 * workers, `enable()` starts again; unpiping it from the track (`localVideoTrack.unpipe()`)
 * ends its output and releases the workers. If it cannot start, it outputs nothing (the
 * preview and the call get no camera picture) and raises `error`.
 */
export class AgoraVirtualBackgroundProcessor extends VideoProcessor implements VirtualBackgroundEventTarget {
  readonly name = 'VirtualBgCameraProcessor';
  private readonly events = new AdapterEvents();
  private readonly run: ProcessorRun;

  constructor(options: VirtualBackgroundOptions = {}) {
    super();
    this.run = new ProcessorRun(this.events, options);
  }

  /** Changes options while it runs (and for later runs); see `VirtualBackground.configure`. */
  configure(options: VirtualBackgroundOptions): void {
    this.run.configure(options);
  }

  addEventListener: VirtualBackgroundEventTarget['addEventListener'] = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) =>
    this.events.addEventListener(type, listener, options);

  removeEventListener: VirtualBackgroundEventTarget['removeEventListener'] = (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) =>
    this.events.removeEventListener(type, listener, options);

  protected override onTrack(track: MediaStreamTrack, context: IProcessorContext): Promise<void> {
    return this.apply(track, context);
  }

  protected override async onEnableChange(enabled: boolean): Promise<void> {
    const { inputTrack, context } = this;
    if (enabled) {
      if (inputTrack && context) await this.apply(inputTrack, context);
      return;
    }
    this.run.stop();
    // Agora's contract for a disabled processor: its input is its output.
    if (inputTrack && context) this.output(inputTrack, context);
  }

  protected override onUnpiped(): void {
    this.run.stop();
  }

  private async apply(track: MediaStreamTrack, context: IProcessorContext): Promise<void> {
    if (!this.enabled) return this.output(track, context);
    try {
      const output = await this.run.process(track);
      // Unpiped, disabled or given another track meanwhile: that call decides the output.
      if (this.inputTrack === track && this.enabled) this.output(output, context);
    } catch (error) {
      if (error instanceof VirtualBgCameraError) {
        this.events.dispatchEvent(new CustomEvent('error', { detail: { code: error.code, message: error.message } }));
      }
    }
  }
}

/** The extension `AgoraRTC.registerExtensions` takes; each `createProcessor()` starts from `options`. */
export class AgoraVirtualBackgroundExtension extends Extension<AgoraVirtualBackgroundProcessor> {
  private readonly options: VirtualBackgroundOptions;

  constructor(options: VirtualBackgroundOptions = {}) {
    super();
    this.options = { ...options };
  }

  protected _createProcessor(): AgoraVirtualBackgroundProcessor {
    return new AgoraVirtualBackgroundProcessor(this.options);
  }
}

/** An Agora extension whose processors blur, paint or replace the background. */
export function createAgoraExtension(options: VirtualBackgroundOptions = {}): AgoraVirtualBackgroundExtension {
  return new AgoraVirtualBackgroundExtension(options);
}
