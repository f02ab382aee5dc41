import { openCameraFeed, postVideoFrames, type CameraFeed } from './camera-feed.js';

declare global {
  interface HTMLMediaElement {
    /** Chromium and Firefox (Firefox as `mozCaptureStream`); not in TypeScript's DOM types yet. */
    captureStream?(): MediaStream;
  }
}

/**
 * Where a video background's frames come from, on the page: a caller's track
 * (`backgroundSource`), or a playing, looping `<video>` (`background-video`), owned by whoever
 * loaded it.
 */
export type BackgroundSource =
  | { readonly kind: 'track'; readonly track: MediaStreamTrack }
  | { readonly kind: 'video'; readonly video: HTMLVideoElement };

/** Nominal rate of a `<video>` background's frame clock: its callbacks show the real one. */
const VIDEO_RATE = 30;

/**
 * The frames of `source` for the pipeline, as a camera's are (`openCameraFeed`): in Chromium,
 * a `MediaStreamTrackProcessor` stream the worker reads itself, independent of the page's
 * clocks (a `<video>` through its own capture track); elsewhere posted frame by frame, with a
 * worker clock taking over in a hidden tab. Stopping the feed leaves the source playing.
 */
export function openBackgroundFeed(source: BackgroundSource): CameraFeed {
  if (source.kind === 'track') return openCameraFeed(source.track);
  const { video } = source;
  const track = typeof MediaStreamTrackProcessor === 'function' ? video.captureStream?.().getVideoTracks()[0] : undefined;
  if (track) {
    const frames = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable;
    // The capture track is this feed's own: stopping it ends the stream, not the video.
    return { kind: 'stream', frames, stop: () => track.stop() };
  }
  const poster = postVideoFrames(video, VIDEO_RATE, () => false);
  return { kind: 'posted', start: (post) => poster.start(post, () => undefined), stop: () => poster.stop() };
}
