import type { BackgroundSource } from '../pipeline/client/background-feed.js';

/** What a video background setting names: a clip's URL (`background-video`), or a caller's stream (`backgroundSource`). */
export type VideoBackgroundSpec = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'stream'; readonly stream: MediaStream };

/** How often a `backgroundSource` track is checked for having been stopped. */
const STREAM_CHECK_MS = 500;

/** Seconds of a clip played with no video size and no video track before it is called video-less. */
const NO_VIDEO_AFTER_S = 2;

const MEDIA_ERRORS: Record<number, string> = {
  1: 'aborted',
  2: 'network error',
  3: 'could not be decoded',
  4: 'not found, refused by CORS, or not a playable video',
};

/**
 * One video background, from load to release. A URL plays in a hidden `<video>`, looped and
 * muted, fetched with CORS (a refused clip fails to load, so it can never taint the output); a
 * stream is used as it is and never stopped here. `changed` runs when the background becomes
 * ready (frames can flow from `source`) and, with the error, when it fails: the clip cannot be
 * loaded or played, or has no video; the stream has no live video track, or its track ends.
 */
export class VideoBackground {
  state: 'loading' | 'ready' | 'failed' = 'loading';
  /** Where the frames come from, once ready. */
  source: BackgroundSource | null = null;
  private readonly release: () => void;
  private disposed = false;

  constructor(
    readonly spec: VideoBackgroundSpec,
    private readonly changed: (error?: Error) => void,
  ) {
    this.release = spec.kind === 'url' ? this.playClip(spec.url) : this.useStream(spec.stream);
  }

  /** Whether this background is the one `spec` names (the same URL, or the same stream). */
  is(spec: VideoBackgroundSpec): boolean {
    return spec.kind === 'url' ? this.spec.kind === 'url' && this.spec.url === spec.url : this.spec.kind === 'stream' && this.spec.stream === spec.stream;
  }

  /** Stops a clip (and lets its download go); a caller's stream is left running. Nothing is reported afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.release();
  }

  private playClip(url: string): () => void {
    const video = document.createElement('video');
    video.muted = true;
    video.loop = true;
    video.playsInline = true;
    video.crossOrigin = 'anonymous';
    video.preload = 'auto';
    const failed = () => this.fail(new Error(MEDIA_ERRORS[video.error?.code ?? 0] ?? video.error?.message ?? 'failed'));
    // WebKit may list the video track and know its size only after `loadeddata` (when the clip
    // is cached, even after `playing`): a clip is called video-less only once it has played a
    // while with neither.
    const tracks = (video as { videoTracks?: { readonly length: number } }).videoTracks;
    const checked = () => {
      if (video.videoWidth && video.videoHeight) this.ready({ kind: 'video', video });
      else if (!tracks?.length && video.currentTime >= Math.min(NO_VIDEO_AFTER_S, video.duration / 2)) this.fail(new Error('it has no video track'));
    };
    const listeners = { error: failed, loadeddata: checked, resize: checked, timeupdate: checked };
    for (const [type, listener] of Object.entries(listeners)) video.addEventListener(type, listener);
    video.src = url;
    // A load failure rejects too, and is reported by the `error` event; autoplay refused is not.
    video.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') this.fail(new Error(`the browser refused to play it (${error.message})`));
    });
    return () => {
      for (const [type, listener] of Object.entries(listeners)) video.removeEventListener(type, listener);
      video.pause();
      video.removeAttribute('src');
      video.load();
    };
  }

  private useStream(stream: MediaStream): () => void {
    const track = stream.getVideoTracks().find((candidate) => candidate.readyState === 'live');
    if (!track) {
      queueMicrotask(() => this.fail(new Error('it has no live video track')));
      return () => undefined;
    }
    const ended = () => this.fail(new Error('its video track ended'));
    track.addEventListener('ended', ended);
    // A track its owner stops fires no `ended`: look at it now and then too.
    const watch = setInterval(() => track.readyState === 'ended' && ended(), STREAM_CHECK_MS);
    queueMicrotask(() => this.ready({ kind: 'track', track }));
    return () => {
      clearInterval(watch);
      track.removeEventListener('ended', ended);
    };
  }

  private ready(source: BackgroundSource): void {
    if (this.disposed || this.state !== 'loading') return;
    this.state = 'ready';
    this.source = source;
    this.changed();
  }

  private fail(error: Error): void {
    if (this.disposed || this.state === 'failed') return;
    this.state = 'failed';
    this.source = null;
    this.changed(error);
  }
}
