/**
 * The pipeline's input, on the page side: a track's frames for the pipeline worker.
 *
 * Where the browser has `MediaStreamTrackProcessor` (Chromium), the processor's stream is
 * transferred to the worker whole: frames come from the track itself, independent of page
 * rendering (a hidden tab keeps getting frames), with a one-frame buffer so stale frames are
 * dropped rather than queued. Elsewhere a hidden `<video>` paced by `requestVideoFrameCallback`
 * posts each frame as a transferred `VideoFrame`, and the worker drops any it has no room for.
 */
export type CameraFeed =
  | { readonly kind: 'stream'; readonly frames: ReadableStream<VideoFrame>; stop(): void }
  | {
      readonly kind: 'posted';
      /** Starts posting frames; `ended` runs once if the track ends. */
      start(post: (frame: VideoFrame) => void, ended: () => void): void;
      /** Stops posting frames. Does not stop the track (its owner does). */
      stop(): void;
    };

export function openCameraFeed(track: MediaStreamTrack): CameraFeed {
  if (typeof MediaStreamTrackProcessor === 'function') {
    // Once transferred, the worker owns the stream: it cancels it on a switch, and it ends with the track.
    const frames = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable;
    return { kind: 'stream', frames, stop: () => undefined };
  }
  return videoFrameFeed(track);
}

function videoFrameFeed(track: MediaStreamTrack): CameraFeed {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  let callback = 0;
  let stopped = false;
  let onEnded = () => undefined as void;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (callback) video.cancelVideoFrameCallback(callback);
    track.removeEventListener('ended', end);
    video.pause();
    video.srcObject = null;
  };
  // `ended` on the track covers device loss; the video's covers a track stopped by its owner.
  const end = () => {
    if (stopped) return;
    stop();
    onEnded();
  };
  return {
    kind: 'posted',
    start(post, ended) {
      onEnded = ended;
      const next = () => {
        callback = video.requestVideoFrameCallback((_now, metadata) => {
          callback = 0;
          if (stopped) return;
          if (track.readyState === 'ended') return end();
          let frame: VideoFrame | null = null;
          try {
            frame = new VideoFrame(video, { timestamp: Math.round(metadata.mediaTime * 1e6) });
          } catch {
            // The video has no frame to give at this moment (its source is switching or just
            // stopped: "Invalid source state"). Skip it; the next callback brings a new one.
          }
          if (frame) post(frame);
          next();
        });
      };
      video.srcObject = new MediaStream([track]);
      track.addEventListener('ended', end);
      video.addEventListener('ended', end);
      video.play().catch(() => undefined);
      next();
    },
    stop,
  };
}
