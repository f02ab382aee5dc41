export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function toImageData(source: CanvasImageSource, width: number, height: number): ImageData {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(source, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/**
 * The real `requestVideoFrameCallback`, captured at load: the hidden-tab test stubs it on
 * the prototype so that the element cannot use it, while the test's own readers still must.
 */
const requestVideoFrameCallback = HTMLVideoElement.prototype.requestVideoFrameCallback;
const cancelVideoFrameCallback = HTMLVideoElement.prototype.cancelVideoFrameCallback;

/**
 * A muted, playing `<video>` showing `track`, placed in the page (a tiny, nearly transparent
 * box in the bottom-right corner, clear of the elements under test): engines are only sure
 * to present frames, and fire frame callbacks, for a video that is in the document.
 */
function viewerVideo(track: MediaStreamTrack): HTMLVideoElement {
  const video = document.createElement('video');
  viewers.add(video);
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('aria-hidden', 'true');
  video.style.cssText = 'position:fixed;right:0;bottom:0;width:16px;height:12px;opacity:0.01;pointer-events:none';
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  return video;
}

/** Every viewer video still in the page. */
const viewers = new Set<HTMLVideoElement>();

function closeVideo(video: HTMLVideoElement): void {
  video.pause();
  video.srcObject = null;
  video.remove();
  viewers.delete(video);
}

/** Closes every `TrackReader` a test left open (their videos leave the page): for cleanup after a test. */
export function closeReaders(): void {
  for (const video of [...viewers]) closeVideo(video);
}

/** Resolves with the next frame `video` presents (its metadata), whatever the page did to the prototype. */
function nextVideoFrame(video: HTMLVideoElement): Promise<VideoFrameCallbackMetadata> {
  return new Promise((resolve) => requestVideoFrameCallback.call(video, (_now, metadata) => resolve(metadata)));
}

/** Reads frames of a video track as a viewer would receive them: through a `<video>`, in every engine. */
export class TrackReader {
  private readonly video: HTMLVideoElement;

  constructor(track: MediaStreamTrack) {
    this.video = viewerVideo(track);
  }

  /** The next frame that arrives, as pixels. */
  async read(): Promise<ImageData> {
    if (this.video.paused) await this.video.play();
    const { width, height } = await nextVideoFrame(this.video);
    return toImageData(this.video, width, height);
  }

  close(): void {
    closeVideo(this.video);
  }
}

/** The next frame of `track`, as pixels (a `TrackReader` for one read). */
export async function readFrame(track: MediaStreamTrack): Promise<ImageData> {
  const reader = new TrackReader(track);
  try {
    return await reader.read();
  } finally {
    reader.close();
  }
}

/**
 * Reads frames until one satisfies `done`, or `ms` have passed; returns the last frame read.
 * Engines differ in how many frames are in flight between a setting and the track, and in how
 * long a new reader takes to get its first frame.
 */
export async function readUntil(reader: TrackReader, done: (frame: ImageData) => boolean, ms = 5000): Promise<ImageData> {
  const deadline = performance.now() + ms;
  for (;;) {
    const frame = await reader.read();
    if (done(frame) || performance.now() > deadline) return frame;
  }
}

/** Mean RGB (0..255) over a rectangle. */
export function meanColor(image: ImageData, rect: Rect): [number, number, number] {
  const sum: [number, number, number] = [0, 0, 0];
  forEachPixel(image, rect, (i) => {
    sum[0] += image.data[i]!;
    sum[1] += image.data[i + 1]!;
    sum[2] += image.data[i + 2]!;
  });
  const n = rect.width * rect.height;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** Mean absolute difference per channel (0..255) between two images over a rectangle. */
export function meanAbsDiff(a: ImageData, b: ImageData, rect: Rect): number {
  let sum = 0;
  forEachPixel(a, rect, (i) => {
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
  });
  return sum / (rect.width * rect.height * 3);
}

/** Variance of the 4-neighbour Laplacian of luma: a standard sharpness measure. */
export function laplacianVariance(image: ImageData, rect: Rect): number {
  const luma = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
  };
  const values: number[] = [];
  for (let y = rect.y + 1; y < rect.y + rect.height - 1; y++) {
    for (let x = rect.x + 1; x < rect.x + rect.width - 1; x++) {
      values.push(luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * luma(x, y));
    }
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
}

/** Mean x of the pixels that `select` picks, or NaN when none. */
export function centroidX(image: ImageData, select: (r: number, g: number, b: number) => boolean): number {
  let sum = 0;
  let count = 0;
  forEachPixel(image, { x: 0, y: 0, width: image.width, height: image.height }, (i, x) => {
    if (select(image.data[i]!, image.data[i + 1]!, image.data[i + 2]!)) {
      sum += x;
      count++;
    }
  });
  return sum / count;
}

function forEachPixel(image: ImageData, rect: Rect, visit: (index: number, x: number, y: number) => void): void {
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) visit((y * image.width + x) * 4, x, y);
  }
}

/** Encodes pixels as PNG, base64 (for the `save-base64` command). */
export async function pngBase64(image: ImageData): Promise<string> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** How `everyFrame` reads a track: straight from the track where the engine can, else through a `<video>`. */
export type FrameReaderKind = 'track-processor' | 'video-frame-callback';

/** What `everyFrame` uses in this engine, by feature detection. */
export function frameReaderKind(): FrameReaderKind {
  return typeof MediaStreamTrackProcessor === 'function' ? 'track-processor' : 'video-frame-callback';
}

/**
 * Reads every frame of `track` as it is produced (scaled to 640x480), until `until` resolves,
 * and returns how many it read. With `MediaStreamTrackProcessor` (Chromium) it reads the
 * track itself, every frame it produces; elsewhere (or with `via: 'video-frame-callback'`)
 * it reads each frame a `<video>` presents, through `requestVideoFrameCallback`, which skips
 * a frame only if the page is too busy to present it.
 */
export async function everyFrame(
  track: MediaStreamTrack,
  until: Promise<unknown>,
  visit: (frame: ImageData) => void,
  via: FrameReaderKind = frameReaderKind(),
): Promise<number> {
  const canvas = new OffscreenCanvas(640, 480);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const read = (source: CanvasImageSource) => {
    context.drawImage(source, 0, 0, 640, 480);
    visit(context.getImageData(0, 0, 640, 480));
  };
  let done = false;
  void until.then(() => (done = true));
  let frames = 0;

  if (via === 'track-processor') {
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
    while (!done) {
      const { value } = await reader.read();
      if (!value) break;
      read(value);
      value.close();
      frames++;
    }
    await reader.cancel();
    return frames;
  }

  const video = viewerVideo(track);
  try {
    await video.play();
    await new Promise<void>((resolve) => {
      let handle = 0;
      const next = () => {
        handle = requestVideoFrameCallback.call(video, () => {
          if (done) return resolve();
          read(video);
          frames++;
          next();
        });
      };
      void until.then(() => {
        cancelVideoFrameCallback.call(video, handle);
        resolve();
      });
      next();
    });
  } finally {
    closeVideo(video);
  }
  return frames;
}
