/**
 * The pipeline's input stage: hands each camera frame to a handler, one at a time.
 *
 * Where the browser has `MediaStreamTrackProcessor` (Chromium), frames are pulled from the
 * track itself. That is independent of page rendering, so a hidden tab, where
 * `requestAnimationFrame` and `requestVideoFrameCallback` stop, keeps getting frames.
 * Elsewhere a hidden `<video>` paced by `requestVideoFrameCallback` is used.
 */

/** A frame to draw: a `VideoFrame` (closed by the source once the handler settles) or the playing video. */
export type CameraFrame = VideoFrame | HTMLVideoElement;

/** Handles one frame; the next frame is not delivered until the returned promise settles. */
export type FrameHandler = (frame: CameraFrame, timestampUs: number) => Promise<void>;

export interface FrameSource {
  readonly kind: 'track-processor' | 'video-frame-callback';
  /** Stops delivering frames. Does not stop the track (its owner does). */
  stop(): void;
}

/**
 * Starts delivering frames of `track`. `onEnded` runs once if the track ends while the
 * source is running (device unplugged, track stopped by its owner).
 */
export function startFrameSource(track: MediaStreamTrack, onFrame: FrameHandler, onEnded: () => void): FrameSource {
  return typeof MediaStreamTrackProcessor === 'function'
    ? new TrackProcessorSource(track, onFrame, onEnded)
    : new VideoFrameCallbackSource(track, onFrame, onEnded);
}

class TrackProcessorSource implements FrameSource {
  readonly kind = 'track-processor';
  private readonly reader: ReadableStreamDefaultReader<VideoFrame>;
  private stopped = false;

  constructor(track: MediaStreamTrack, onFrame: FrameHandler, onEnded: () => void) {
    // A one-frame buffer: when processing falls behind, stale frames are dropped, not queued.
    this.reader = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable.getReader();
    void this.pump(onFrame, onEnded);
  }

  stop(): void {
    this.stopped = true;
    this.reader.cancel().catch(() => undefined);
  }

  private async pump(onFrame: FrameHandler, onEnded: () => void): Promise<void> {
    while (!this.stopped) {
      let result: ReadableStreamReadResult<VideoFrame>;
      try {
        result = await this.reader.read();
      } catch {
        break;
      }
      if (result.done) break;
      const frame = result.value;
      try {
        if (!this.stopped) await onFrame(frame, frame.timestamp);
      } catch {
        // The handler reports its own failures; one bad frame must not end the stream.
      } finally {
        frame.close();
      }
    }
    if (!this.stopped) onEnded();
  }
}

class VideoFrameCallbackSource implements FrameSource {
  readonly kind = 'video-frame-callback';
  private readonly video = document.createElement('video');
  private callback = 0;
  private stopped = false;
  private readonly ended: () => void;

  constructor(
    private readonly track: MediaStreamTrack,
    private readonly onFrame: FrameHandler,
    onEnded: () => void,
  ) {
    this.ended = () => {
      if (this.stopped) return;
      this.stop();
      onEnded();
    };
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.srcObject = new MediaStream([track]);
    // `ended` on the track covers device loss; the video's covers a track stopped by its owner.
    track.addEventListener('ended', this.ended);
    this.video.addEventListener('ended', this.ended);
    this.video.play().catch(() => undefined);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.callback) this.video.cancelVideoFrameCallback(this.callback);
    this.track.removeEventListener('ended', this.ended);
    this.video.pause();
    this.video.srcObject = null;
  }

  private schedule(): void {
    this.callback = this.video.requestVideoFrameCallback(async (_now, metadata) => {
      this.callback = 0;
      if (this.stopped) return;
      if (this.track.readyState === 'ended') return this.ended();
      try {
        await this.onFrame(this.video, Math.round(metadata.mediaTime * 1e6));
      } catch {
        // As above: the handler reports its own failures.
      }
      if (!this.stopped) this.schedule();
    });
  }
}
