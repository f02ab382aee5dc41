import type { OutputTarget } from './protocol.js';

/**
 * The pipeline's output stage, in the worker. It owns the canvas the compositor draws on.
 * - `writable` (Chromium): frames are written to a `MediaStreamTrackGenerator`. That track does
 *   not depend on page rendering (canvas capture stops in hidden tabs), and with no effect the
 *   camera frame itself is passed on, with no drawing at all.
 * - `canvas`: the page's canvas, transferred here; its `captureStream()` picks up each frame.
 */
export class FrameSink {
  readonly canvas: OffscreenCanvas;
  private readonly writer: WritableStreamDefaultWriter<VideoFrame> | null;
  private lastTimestamp = -1;

  constructor(target: OutputTarget) {
    if (target.kind === 'writable') {
      this.canvas = new OffscreenCanvas(1, 1);
      this.writer = target.writable.getWriter();
    } else {
      this.canvas = target.canvas;
      this.writer = null;
    }
  }

  /** Publishes what was just drawn on the canvas. */
  publish(timestampUs: number): void {
    // A transferred canvas needs nothing: the page's captureStream() picks the frame up.
    // (Making a VideoFrame of it anyway would read the whole canvas back for nothing.)
    if (this.writer) this.write(this.writer, new VideoFrame(this.canvas, { timestamp: this.nextTimestamp(timestampUs) }));
  }

  /** Publishes `frame` unchanged (not taking ownership). False when this sink can only publish its canvas. */
  passThrough(frame: VideoFrame, timestampUs: number): boolean {
    if (!this.writer) return false;
    this.write(this.writer, new VideoFrame(frame, { timestamp: this.nextTimestamp(timestampUs) }));
    return true;
  }

  private write(writer: WritableStreamDefaultWriter<VideoFrame>, frame: VideoFrame): void {
    // The generator's sink closes the frame once consumed; a refused write leaves it to us.
    writer.write(frame).catch(() => frame.close());
  }

  /** Sinks need strictly increasing timestamps; a new input may restart its clock. */
  private nextTimestamp(timestampUs: number): number {
    this.lastTimestamp = timestampUs > this.lastTimestamp ? timestampUs : this.lastTimestamp + 1;
    return this.lastTimestamp;
  }
}
