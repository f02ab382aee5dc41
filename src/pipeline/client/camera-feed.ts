/**
 * The pipeline's input, on the page side: a track's frames for the pipeline worker.
 *
 * Where the browser has `MediaStreamTrackProcessor` (Chromium), the processor's stream is
 * transferred to the worker whole: frames come from the track itself, independent of page
 * rendering (a hidden tab keeps getting frames), with a one-frame buffer so stale frames are
 * dropped rather than queued. Elsewhere a hidden `<video>` paced by `requestVideoFrameCallback`
 * posts each frame as a transferred `VideoFrame`, and the worker drops any it has no room for.
 * When those callbacks stop (a hidden tab), a worker's clock takes over at the camera's rate.
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

/** Without a video frame callback for this many frame intervals, the worker clock takes over. */
const STALL_INTERVALS = 2.5;

/** A hidden `<video>` showing `track`, its frames posted one by one. */
function videoFrameFeed(track: MediaStreamTrack): CameraFeed {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  // The clock ticks at the camera's nominal rate; frames are spaced by the interval the
  // callbacks really showed (a canvas source may run far below any nominal rate).
  const frames = postVideoFrames(video, track.getSettings().frameRate || 30, () => track.readyState === 'ended');
  let stopped = false;
  let onEnded = () => undefined as void;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    frames.stop();
    track.removeEventListener('ended', end);
    video.removeEventListener('ended', end);
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
      video.srcObject = new MediaStream([track]);
      track.addEventListener('ended', end);
      video.addEventListener('ended', end);
      video.play().catch(() => undefined);
      frames.start(post, end);
    },
    stop,
  };
}

/** Posting the frames of a playing `<video>`: see `postVideoFrames`. */
export interface VideoFramePoster {
  /** Starts posting; `ended` runs when `isEnded()` turns true at a frame. */
  start(post: (frame: VideoFrame) => void, ended: () => void): void;
  /** Stops posting. Leaves the video as it is (its owner pauses it). */
  stop(): void;
}

/**
 * Posts each frame `video` presents as a `VideoFrame`, paced by `requestVideoFrameCallback`;
 * when those callbacks stop (a hidden tab), a worker's clock ticking at `rate` (fps) takes over.
 */
export function postVideoFrames(video: HTMLVideoElement, rate: number, isEnded: () => boolean): VideoFramePoster {
  let callback = 0;
  let clock: Worker | null = null;
  let stopped = false;
  return {
    start(post, ended) {
      const tick = 1000 / rate;
      let interval = tick;
      // The newest frame posted: its timestamp (µs) and when it was posted; the newest video
      // frame callback (ms, page clock).
      let lastTimestamp = 0;
      let lastPosted = performance.now();
      let lastCallback = lastPosted;
      let callbacks = 0;
      const postFrame = (timestamp: number) => {
        if (isEnded()) return ended();
        let frame: VideoFrame | null = null;
        try {
          frame = new VideoFrame(video, { timestamp });
        } catch {
          // The video has no frame to give at this moment (its source is switching or just
          // stopped: "Invalid source state"). Skip it; the next callback brings a new one.
        }
        if (!frame) return;
        lastTimestamp = timestamp;
        lastPosted = performance.now();
        post(frame);
      };
      const next = () => {
        callback = video.requestVideoFrameCallback((_now, metadata) => {
          callback = 0;
          if (stopped) return;
          const now = performance.now();
          // A hidden page's callbacks come at its throttled rendering rate, not the video's.
          if (document.visibilityState === 'visible') {
            const gap = Math.min(1000, now - lastCallback);
            if (callbacks === 1) interval = gap;
            else if (callbacks > 1) interval += (gap - interval) / 4;
            callbacks++;
          }
          lastCallback = now;
          postFrame(Math.round(metadata.mediaTime * 1e6));
          next();
        });
      };
      // The fallback's timestamps continue the callbacks' clock, so frame-drop counting and
      // the output's strictly increasing timestamps hold across a switch either way.
      clock = new Worker(new URL('./frame-clock.worker.ts', import.meta.url), {
        type: 'module',
        name: 'virtual-bg-camera frame clock',
      });
      clock.addEventListener('message', () => {
        const now = performance.now();
        const stalled = now - lastCallback >= interval * STALL_INTERVALS || document.visibilityState === 'hidden';
        const due = now - lastPosted >= interval * 0.8;
        if (stopped || !stalled || !due || video.readyState < video.HAVE_CURRENT_DATA) return;
        postFrame(lastTimestamp + Math.max(1, Math.round((now - lastPosted) * 1000)));
      });
      clock.postMessage(tick);
      next();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (callback) video.cancelVideoFrameCallback(callback);
      clock?.terminate();
    },
  };
}
