/**
 * The pipeline's output stage: turns drawn canvas frames into the call-ready track.
 *
 * Where the browser has `MediaStreamTrackGenerator` (Chromium), each drawn frame is written
 * to a generator track as a `VideoFrame`. That track does not depend on page rendering
 * (canvas capture stops in hidden tabs) nor on the canvas itself, so the compositor can be
 * rebuilt without the call seeing a new track. Elsewhere, `canvas.captureStream()`.
 */
export interface TrackOutput {
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
  /** Publishes what was just drawn on the canvas. Call right after drawing, in the same task. */
  push(canvas: HTMLCanvasElement, timestampUs: number): void;
  /** Ends the output track. */
  stop(): void;
}

export function createTrackOutput(canvas: HTMLCanvasElement): TrackOutput {
  return typeof MediaStreamTrackGenerator === 'function' ? new GeneratorOutput() : new CanvasCaptureOutput(canvas);
}

class GeneratorOutput implements TrackOutput {
  readonly track: MediaStreamVideoTrackGenerator;
  readonly stream: MediaStream;
  private readonly writer: WritableStreamDefaultWriter<VideoFrame>;
  private lastTimestamp = -1;

  constructor() {
    this.track = new MediaStreamTrackGenerator({ kind: 'video' });
    this.stream = new MediaStream([this.track]);
    this.writer = this.track.writable.getWriter();
  }

  push(canvas: HTMLCanvasElement, timestampUs: number): void {
    if (this.track.readyState === 'ended') return;
    // Sinks need strictly increasing timestamps; a new source may restart its clock.
    const timestamp = timestampUs > this.lastTimestamp ? timestampUs : this.lastTimestamp + 1;
    this.lastTimestamp = timestamp;
    // The generator's sink closes the frame once consumed; a refused write leaves it to us.
    const frame = new VideoFrame(canvas, { timestamp });
    this.writer.write(frame).catch(() => frame.close());
  }

  stop(): void {
    this.writer.close().catch(() => undefined);
    this.track.stop();
  }
}

class CanvasCaptureOutput implements TrackOutput {
  readonly stream: MediaStream;
  readonly track: MediaStreamTrack;

  constructor(canvas: HTMLCanvasElement) {
    this.stream = canvas.captureStream();
    this.track = this.stream.getVideoTracks()[0]!;
  }

  push(): void {
    // The capture stream picks up each drawn frame by itself.
  }

  stop(): void {
    this.track.stop();
  }
}
