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

/** Reads frames of a video track as a viewer would receive them. */
export class TrackReader {
  private readonly video = document.createElement('video');

  constructor(track: MediaStreamTrack) {
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.srcObject = new MediaStream([track]);
  }

  /** The next frame that arrives, as pixels. */
  async read(): Promise<ImageData> {
    if (this.video.paused) await this.video.play();
    await new Promise<void>((resolve) => this.video.requestVideoFrameCallback(() => resolve()));
    return toImageData(this.video, this.video.videoWidth, this.video.videoHeight);
  }

  close(): void {
    this.video.pause();
    this.video.srcObject = null;
  }
}

/** Mean RGB (0..255) over a rectangle. */
export function meanColor(image: ImageData, rect: Rect): [number, number, number] {
  const sum = [0, 0, 0];
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

/** Reads every frame of `track` as it is produced, until `until` resolves. */
export async function everyFrame(track: MediaStreamTrack, until: Promise<unknown>, visit: (frame: ImageData) => void): Promise<number> {
  const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
  const canvas = new OffscreenCanvas(640, 480);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  let done = false;
  void until.then(() => (done = true));
  let frames = 0;
  while (!done) {
    const { value } = await reader.read();
    if (!value) break;
    context.drawImage(value, 0, 0, 640, 480);
    value.close();
    visit(context.getImageData(0, 0, 640, 480));
    frames++;
  }
  await reader.cancel();
  return frames;
}
