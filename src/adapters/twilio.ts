/**
 * `virtual-bg-camera/twilio`: the virtual background as a Twilio Video `VideoProcessor`.
 *
 * ```ts
 * const processor = createTwilioProcessor({ blur: 'medium' });
 * localVideoTrack.addProcessor(processor, { inputFrameBufferType: 'videoframe', outputFrameBufferContextType: 'bitmaprenderer' });
 * processor.configure({ backgroundColor: '#0b6' });
 * localVideoTrack.removeProcessor(processor);
 * processor.destroy(); // Twilio does not tell a processor it was removed
 * ```
 */
import { VirtualBgCameraError, type VirtualBackgroundOptions } from '../processor/index.js';
import { AdapterEvents } from './adapter-events.js';
import { ProcessorRun } from './processor-run.js';
import { NewestFrame, openFrameFeed, type FrameFeed, type TwilioInputFrame } from './twilio-frames.js';

export type { VirtualBackgroundOptions, VirtualBackgroundEventMap, ErrorEventDetail, StatsEventDetail } from '../processor/index.js';
export type { TwilioInputFrame } from './twilio-frames.js';

/**
 * A Twilio `VideoProcessor`. Twilio calls `processFrame` for each camera frame and waits for
 * it before the next, on the main thread; running the model there would hold the page for the
 * whole inference. Instead each call hands the input frame to the processor's workers (or, when
 * Twilio passes its `<video>`, the processor reads that video's own track) and puts the newest
 * frame the workers have finished on the output canvas, so the output lags the input by the
 * processor's own latency. Until the first processed frame the output canvas stays blank.
 */
export class TwilioVirtualBackground extends AdapterEvents {
  private readonly run: ProcessorRun;
  private feed: FrameFeed | null = null;
  private newest: NewestFrame | null = null;
  private failed = false;

  constructor(options: VirtualBackgroundOptions = {}) {
    super();
    this.run = new ProcessorRun(this, options);
  }

  /** Called by Twilio for each frame; synchronous. */
  processFrame(input: TwilioInputFrame, output: HTMLCanvasElement): void {
    if (this.failed) {
      if (input instanceof VideoFrame) input.close();
      return;
    }
    if (!this.feed?.fits(input)) this.follow(input);
    this.feed?.push(input);
    const bitmap = this.newest?.take();
    if (bitmap) show(bitmap, output);
  }

  /** Changes options while it runs (and for later runs); see `VirtualBackground.configure`. */
  configure(options: VirtualBackgroundOptions): void {
    this.run.configure(options);
  }

  /** Ends processing and releases the workers; call it after `removeProcessor`. A later frame starts again. */
  destroy(): void {
    this.run.stop();
    this.feed?.stop();
    this.feed = null;
    this.newest?.stop();
    this.newest = null;
    this.failed = false;
  }

  /** Moves the processor onto the track `input` comes from, starting it on the first frame. */
  private follow(input: TwilioInputFrame): void {
    this.feed?.stop();
    const feed = openFrameFeed(input);
    this.feed = feed;
    this.run.process(feed.track).then(
      (output) => {
        if (this.feed !== feed) return;
        if (this.newest?.track !== output) {
          this.newest?.stop();
          this.newest = new NewestFrame(output);
        }
      },
      (error: unknown) => {
        if (this.feed !== feed || !(error instanceof VirtualBgCameraError)) return;
        // Fail closed: the output canvas gets no more frames until `destroy()`.
        this.failed = true;
        this.dispatchEvent(new CustomEvent('error', { detail: { code: error.code, message: error.message } }));
      },
    );
  }
}

/** Puts `bitmap` on Twilio's output canvas (a `bitmaprenderer` or `2d` context), and releases it. */
function show(bitmap: ImageBitmap, canvas: HTMLCanvasElement): void {
  const renderer = canvas.getContext('bitmaprenderer');
  if (renderer) return renderer.transferFromImageBitmap(bitmap);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
}

/** A Twilio video processor that blurs, paints or replaces the background. */
export function createTwilioProcessor(options: VirtualBackgroundOptions = {}): TwilioVirtualBackground {
  return new TwilioVirtualBackground(options);
}
