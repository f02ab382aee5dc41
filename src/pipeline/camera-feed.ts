/**
 * The pipeline's input, on the page side: a track's frames as a `ReadableStream<VideoFrame>`,
 * ready to be transferred to the pipeline worker.
 *
 * Where the browser has `MediaStreamTrackProcessor` (Chromium), frames come from the track
 * itself: independent of page rendering, so a hidden tab keeps getting frames, and with a
 * one-frame buffer, so stale frames are dropped rather than queued. Elsewhere a hidden
 * `<video>` paced by `requestVideoFrameCallback` feeds the stream.
 */
export interface CameraFeed {
  readonly frames: ReadableStream<VideoFrame>;
  /** Stops feeding frames. Does not stop the track (its owner does). */
  stop(): void;
}

export function openCameraFeed(track: MediaStreamTrack): CameraFeed {
  if (typeof MediaStreamTrackProcessor === 'function') {
    // Once transferred, the worker owns the stream: it cancels it on a switch, and it ends with the track.
    return { frames: new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable, stop: () => undefined };
  }
  return videoFrameFeed(track);
}

function videoFrameFeed(track: MediaStreamTrack): CameraFeed {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  let stopped = false;
  let callback = 0;
  let close = () => undefined as void;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (callback) video.cancelVideoFrameCallback(callback);
    video.pause();
    video.srcObject = null;
    close();
  };
  const frames = new ReadableStream<VideoFrame>(
    {
      start(controller) {
        close = () => {
          try {
            controller.close();
          } catch {
            // Already closed or cancelled.
          }
        };
        // `ended` on the track covers device loss; the video's covers a track stopped by its owner.
        track.addEventListener('ended', stop, { once: true });
        video.addEventListener('ended', stop, { once: true });
        video.play().catch(() => undefined);
      },
      pull(controller) {
        return new Promise<void>((resolve) => {
          if (stopped) return resolve();
          callback = video.requestVideoFrameCallback((_now, metadata) => {
            callback = 0;
            if (!stopped) controller.enqueue(new VideoFrame(video, { timestamp: Math.round(metadata.mediaTime * 1e6) }));
            resolve();
          });
        });
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
  return { frames, stop };
}
