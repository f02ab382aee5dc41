/**
 * The two hand-offs of the Twilio adapter: Twilio's input frames into a track the processor
 * reads (`FrameFeed`), and the processor's output track back as the newest finished frame,
 * ready to be shown without waiting (`NewestFrame`).
 */

import type { ConvertedFrame } from './bitmap.worker.js';

/** What Twilio passes to `processFrame` (`videoframe` gives a `VideoFrame` in Chromium, its `<video>` elsewhere). */
export type TwilioInputFrame = OffscreenCanvas | HTMLCanvasElement | HTMLVideoElement | VideoFrame;

/** A track carrying the frames Twilio passes, for the processor to read. */
export interface FrameFeed {
  readonly track: MediaStreamTrack;
  /** Whether this feed carries `input` (else a new feed is opened for it). */
  fits(input: TwilioInputFrame): boolean;
  /** Hands `input` over; a `VideoFrame` is taken (closed or written). */
  push(input: TwilioInputFrame): void;
  /** Ends the feed's own track; Twilio's are left alone. */
  stop(): void;
}

type FeedKind = { kind: 'written' } | { kind: 'element'; track: MediaStreamTrack } | { kind: 'drawn' };

/**
 * - a `VideoFrame` where `MediaStreamTrackGenerator` exists (Chromium): written to a generated
 *   track, no copy;
 * - Twilio's `<video>`: the processor reads the video's own track, nothing per frame;
 * - anything else: drawn on a captured canvas (one GPU copy per frame).
 */
function kindOf(input: TwilioInputFrame): FeedKind {
  if (isVideoFrame(input) && typeof MediaStreamTrackGenerator === 'function') return { kind: 'written' };
  const source = input instanceof HTMLVideoElement && input.srcObject instanceof MediaStream ? input.srcObject.getVideoTracks()[0] : undefined;
  if (source?.readyState === 'live') return { kind: 'element', track: source };
  return { kind: 'drawn' };
}

export function openFrameFeed(input: TwilioInputFrame): FrameFeed {
  const kind = kindOf(input);
  const fits = (next: TwilioInputFrame) => {
    const other = kindOf(next);
    return other.kind === kind.kind && (other.kind !== 'element' || kind.kind !== 'element' || other.track === kind.track);
  };
  if (kind.kind === 'written') return { ...writtenFeed(), fits };
  if (kind.kind === 'element') return { track: kind.track, fits, push: () => undefined, stop: () => undefined };
  return { ...drawnFeed(), fits };
}

function writtenFeed(): Omit<FrameFeed, 'fits'> {
  const track = new MediaStreamTrackGenerator({ kind: 'video' });
  const writer = track.writable.getWriter();
  let writing = false;
  return {
    track,
    push(input) {
      if (!isVideoFrame(input)) return;
      // One frame in flight: one that comes while the last is still being written is dropped.
      if (writing) return input.close();
      writing = true;
      writer.write(input).then(
        () => (writing = false),
        () => input.close(),
      );
    },
    stop() {
      track.stop();
      writer.close().catch(() => undefined);
    },
  };
}

function drawnFeed(): Omit<FrameFeed, 'fits'> {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new Error('This browser has no 2D canvas.');
  // Without a rate, the capture takes a frame at each draw.
  const track = canvas.captureStream().getVideoTracks()[0];
  if (!track) throw new Error('The canvas could not be captured.');
  return {
    track,
    push(input) {
      const [width, height] = isVideoFrame(input)
        ? [input.displayWidth, input.displayHeight]
        : input instanceof HTMLVideoElement
          ? [input.videoWidth, input.videoHeight]
          : [input.width, input.height];
      if (width && height) {
        if (canvas.width !== width) canvas.width = width;
        if (canvas.height !== height) canvas.height = height;
        context.drawImage(input, 0, 0);
      }
      if (isVideoFrame(input)) input.close();
    },
    stop: () => track.stop(),
  };
}

/** The newest frame of a track as an `ImageBitmap`, converted as frames arrive. */
export class NewestFrame {
  readonly track: MediaStreamTrack;
  private bitmap: ImageBitmap | null = null;
  private stopped = false;
  private readonly stopReading: () => void;

  constructor(track: MediaStreamTrack) {
    this.track = track;
    this.stopReading = typeof MediaStreamTrackProcessor === 'function' ? this.readFrames() : this.watchVideo();
  }

  /** The newest frame not taken yet, now the caller's; null when none has come since. */
  take(): ImageBitmap | null {
    const bitmap = this.bitmap;
    this.bitmap = null;
    return bitmap;
  }

  stop(): void {
    this.stopped = true;
    this.stopReading();
    this.bitmap?.close();
    this.bitmap = null;
  }

  private keep(bitmap: ImageBitmap): void {
    if (this.stopped) return bitmap.close();
    this.bitmap?.close();
    this.bitmap = bitmap;
  }

  /**
   * Chromium: the track's frames, one buffered, converted in a worker of ours (on the main
   * thread the conversion would cost more than all the rest of the adapter's work together).
   */
  private readFrames(): () => void {
    const frames = new MediaStreamTrackProcessor({ track: this.track, maxBufferSize: 1 }).readable;
    const worker = new Worker(new URL('./bitmap.worker.ts', import.meta.url), { type: 'module', name: 'virtual-bg-camera twilio output' });
    worker.addEventListener('message', (event: MessageEvent<ConvertedFrame>) => this.keep(event.data.bitmap));
    worker.postMessage(frames, [frames]);
    return () => worker.terminate();
  }

  /** Elsewhere: a `<video>` of the track, converted at each of its frame callbacks. */
  private watchVideo(): () => void {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([this.track]);
    let callback = 0;
    let requested = 0;
    let kept = 0;
    const next = () => {
      callback = video.requestVideoFrameCallback(() => {
        next();
        const order = ++requested;
        createImageBitmap(video).then(
          (bitmap) => (order > kept ? ((kept = order), this.keep(bitmap)) : bitmap.close()),
          () => undefined,
        );
      });
    };
    video.play().catch(() => undefined);
    next();
    return () => {
      video.cancelVideoFrameCallback(callback);
      video.pause();
      video.srcObject = null;
    };
  }
}

function isVideoFrame(input: unknown): input is VideoFrame {
  return typeof VideoFrame === 'function' && input instanceof VideoFrame;
}
