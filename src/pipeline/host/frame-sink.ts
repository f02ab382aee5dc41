import type { OutputTarget, PageCanvasOutput } from '../../shared/protocol.js';
import type { PipelinePaths } from '../../shared/stats.js';

/** The pipeline's output stage: the canvas the compositor draws on, and how a drawn frame leaves. */
export interface FrameSink {
  readonly canvas: OffscreenCanvas | HTMLCanvasElement;
  readonly kind: PipelinePaths['output'];
  /** Publishes what was just drawn on the canvas. */
  publish(timestampUs: number): void;
  /** Publishes `frame` unchanged (not taking ownership). False when this sink can only publish its canvas. */
  passThrough(frame: VideoFrame, timestampUs: number): boolean;
}

/**
 * The sink for `target`. `pageOutput` is the page host's canvas output (for `canvas`);
 * `postBitmap` sends a drawn frame to the page (for `bitmaps`).
 */
export function createFrameSink(
  target: OutputTarget,
  pageOutput: PageCanvasOutput | null,
  postBitmap: (bitmap: ImageBitmap) => void,
): FrameSink {
  if (target.kind === 'writable') return new GeneratorSink(target.writable);
  if (target.kind === 'bitmaps') return new BitmapSink(postBitmap);
  if (!pageOutput) throw new Error('The canvas output needs the page host.');
  return new CanvasSink(pageOutput);
}

/**
 * Frames written to a `MediaStreamTrackGenerator` (Chromium). That track does not depend on
 * page rendering (canvas capture stops in hidden tabs), and with no effect the camera frame
 * itself is passed on, with no drawing at all.
 */
class GeneratorSink implements FrameSink {
  readonly canvas = new OffscreenCanvas(1, 1);
  readonly kind = 'track-generator';
  private readonly writer: WritableStreamDefaultWriter<VideoFrame>;
  private lastTimestamp = -1;

  constructor(writable: WritableStream<VideoFrame>) {
    this.writer = writable.getWriter();
  }

  publish(timestampUs: number): void {
    this.write(new VideoFrame(this.canvas, { timestamp: this.nextTimestamp(timestampUs) }));
  }

  passThrough(frame: VideoFrame, timestampUs: number): boolean {
    this.write(new VideoFrame(frame, { timestamp: this.nextTimestamp(timestampUs) }));
    return true;
  }

  private write(frame: VideoFrame): void {
    // The generator's sink closes the frame once consumed; a refused write leaves it to us.
    this.writer.write(frame).catch(() => frame.close());
  }

  /** Sinks need strictly increasing timestamps; a new input may restart its clock. */
  private nextTimestamp(timestampUs: number): number {
    this.lastTimestamp = timestampUs > this.lastTimestamp ? timestampUs : this.lastTimestamp + 1;
    return this.lastTimestamp;
  }
}

/**
 * Each drawn frame leaves the worker as a transferred `ImageBitmap` (no copy), for the page's
 * `bitmaprenderer` canvas. Firefox refuses to transfer a canvas that has `captureStream()`,
 * so this is how a worker's drawing reaches a track there.
 */
class BitmapSink implements FrameSink {
  readonly canvas = new OffscreenCanvas(1, 1);
  readonly kind = 'bitmap-canvas';

  constructor(private readonly post: (bitmap: ImageBitmap) => void) {}

  publish(): void {
    this.post(this.canvas.transferToImageBitmap());
  }

  passThrough(): boolean {
    return false;
  }
}

/** The page host draws straight onto the canvas whose `captureStream()` is the track. */
class CanvasSink implements FrameSink {
  readonly kind = 'canvas-capture';
  readonly canvas: HTMLCanvasElement;

  constructor(private readonly output: PageCanvasOutput) {
    this.canvas = output.canvas;
  }

  publish(): void {
    this.output.publish();
  }

  passThrough(): boolean {
    return false;
  }
}
