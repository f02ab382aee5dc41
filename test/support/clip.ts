/**
 * The shared webcam clip (a man at a desk, `webcam_640x480.y4m`) as a live video stream, in
 * any engine: the y4m is fetched once per page, each frame is converted from YUV to RGBA when
 * it is shown, and a canvas plays it at the clip's rate, looping, as Chromium's fake camera
 * (`--use-file-for-fake-video-capture`) does. Its `captureStream()` track is the source.
 * In Chromium the clip's pixels match what the fake camera shows to within 0.2 / 255.
 *
 * Only APIs Firefox 132+ and Safari 17+ have: fetch, typed arrays, canvas 2D `putImageData`,
 * `HTMLCanvasElement.captureStream`.
 */
import { mediaUrl } from './media.js';

/** The real timers, captured at load: tests that stub timers (hidden tab) still get a playing clip. */
const setTimeout = window.setTimeout.bind(window);
const clearTimeout = window.clearTimeout.bind(window);

export const CLIP_PATH = 'webcam_640x480.y4m';

/** A parsed YUV4MPEG2 4:2:0 clip, frames converted on demand. */
export interface Clip {
  readonly width: number;
  readonly height: number;
  /** Frames per second, from the header's `F` (15 for the shared clip). */
  readonly fps: number;
  readonly frameCount: number;
  /** Whether the header says full-range YUV (`XCOLORRANGE=FULL`); limited (16..235) otherwise. */
  readonly fullRange: boolean;
  /** Writes frame `index` (wrapped into range) as RGBA into `into` (width x height). */
  frame(index: number, into: ImageData): void;
}

/**
 * Parses a YUV4MPEG2 file: the header line (`W`, `H`, `F`, `C`, `XCOLORRANGE`) and each
 * `FRAME` marker (with any parameters, up to its newline), then the planes, Y, U, V.
 */
export function parseY4m(bytes: Uint8Array): Clip {
  const lineEnd = (from: number) => {
    const end = bytes.indexOf(0x0a, from);
    if (end < 0) throw new Error(`y4m: no newline after byte ${from}`);
    return end;
  };
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const headerEnd = lineEnd(0);
  const [magic, ...params] = text(0, headerEnd).split(' ');
  if (magic !== 'YUV4MPEG2') throw new Error(`y4m: bad magic ${JSON.stringify(magic)}`);
  let width = 0;
  let height = 0;
  let fps = 25;
  let colour = '420jpeg';
  let fullRange = false;
  for (const param of params) {
    const value = param.slice(1);
    if (param[0] === 'W') width = Number(value);
    else if (param[0] === 'H') height = Number(value);
    else if (param[0] === 'F') {
      const [num, den] = value.split(':').map(Number);
      fps = num! / (den || 1);
    } else if (param[0] === 'C') colour = value;
    else if (param.startsWith('XCOLORRANGE=')) fullRange = param.endsWith('=FULL');
  }
  if (!(width > 0 && height > 0 && width % 2 === 0 && height % 2 === 0)) throw new Error(`y4m: bad size ${width}x${height}`);
  if (!colour.startsWith('420')) throw new Error(`y4m: only 4:2:0 is supported, not C${colour}`);
  if (!(fps > 0)) throw new Error(`y4m: bad frame rate in ${text(0, headerEnd)}`);

  const lumaSize = width * height;
  const frameSize = lumaSize + 2 * (lumaSize / 4);
  const offsets: number[] = [];
  for (let at = headerEnd + 1; at < bytes.length; ) {
    if (text(at, at + 5) !== 'FRAME') throw new Error(`y4m: expected FRAME at byte ${at}`);
    const data = lineEnd(at) + 1;
    if (data + frameSize > bytes.length) throw new Error(`y4m: frame ${offsets.length} is truncated`);
    offsets.push(data);
    at = data + frameSize;
  }
  if (!offsets.length) throw new Error('y4m: no frames');

  const table = yuvTables(fullRange);
  return {
    width,
    height,
    fps,
    frameCount: offsets.length,
    fullRange,
    frame(index, into) {
      if (into.width !== width || into.height !== height) throw new Error(`y4m: target is ${into.width}x${into.height}, not ${width}x${height}`);
      const n = offsets.length;
      const start = offsets[((Math.floor(index) % n) + n) % n]!;
      i420ToRgba(bytes, start, start + lumaSize, start + lumaSize + lumaSize / 4, width, height, table, into.data);
    },
  };
}

interface YuvTables {
  readonly y: Int32Array;
  readonly rv: Int32Array;
  readonly gu: Int32Array;
  readonly gv: Int32Array;
  readonly bu: Int32Array;
}

/** BT.601 YUV→RGB terms per 8-bit code, in 16.16 fixed point (limited or full range). */
function yuvTables(fullRange: boolean): YuvTables {
  const one = 1 << 16;
  const y = new Int32Array(256);
  const rv = new Int32Array(256);
  const gu = new Int32Array(256);
  const gv = new Int32Array(256);
  const bu = new Int32Array(256);
  // Kr = 0.299, Kb = 0.114. Limited range: Y 16..235, Cb/Cr 16..240.
  const yScale = fullRange ? 1 : 255 / 219;
  const cScale = fullRange ? 1 : 255 / 224;
  for (let i = 0; i < 256; i++) {
    const c = (i - 128) * cScale;
    // + one / 2: rounds to nearest when the sum is shifted down.
    y[i] = Math.round(((fullRange ? i : i - 16) * yScale) * one) + one / 2;
    rv[i] = Math.round(1.402 * c * one);
    gu[i] = Math.round(-0.344136 * c * one);
    gv[i] = Math.round(-0.714136 * c * one);
    bu[i] = Math.round(1.772 * c * one);
  }
  return { y, rv, gu, gv, bu };
}

/**
 * I420 → RGBA. Each chroma sample covers its 2x2 block of luma samples, as libyuv's
 * I420ToARGB (what Chromium uses to paint camera frames) does. `out` clamps to 0..255.
 */
function i420ToRgba(
  src: Uint8Array,
  yAt: number,
  uAt: number,
  vAt: number,
  width: number,
  height: number,
  { y: yT, rv, gu, gv, bu }: YuvTables,
  out: Uint8ClampedArray,
): void {
  const chromaWidth = width >> 1;
  let o = 0;
  for (let row = 0; row < height; row++) {
    let yi = yAt + row * width;
    let ci = (row >> 1) * chromaWidth;
    for (let col = 0; col < width; col += 2, ci++) {
      const u = src[uAt + ci]!;
      const v = src[vAt + ci]!;
      const r = rv[v]!;
      const g = gu[u]! + gv[v]!;
      const b = bu[u]!;
      let luma = yT[src[yi++]!]!;
      out[o] = (luma + r) >> 16;
      out[o + 1] = (luma + g) >> 16;
      out[o + 2] = (luma + b) >> 16;
      out[o + 3] = 255;
      luma = yT[src[yi++]!]!;
      out[o + 4] = (luma + r) >> 16;
      out[o + 5] = (luma + g) >> 16;
      out[o + 6] = (luma + b) >> 16;
      out[o + 7] = 255;
      o += 8;
    }
  }
}

const loaded = new Map<string, Promise<Clip>>();

/** The clip at `path` in the shared media, fetched and parsed once per page. */
export function loadClip(path = CLIP_PATH): Promise<Clip> {
  let clip = loaded.get(path);
  if (!clip) {
    clip = (async () => {
      const response = await fetch(mediaUrl(path));
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return parseY4m(new Uint8Array(await response.arrayBuffer()));
    })();
    // A failed fetch is not cached: the next call tries again.
    clip.catch(() => loaded.delete(path));
    loaded.set(path, clip);
  }
  return clip;
}

export interface ClipOptions {
  /** Frames per second to play at; the clip's own rate (15) by default. */
  readonly fps?: number;
  /** The clip frame to start from. */
  readonly startFrame?: number;
  /** Clip file in the shared media folder. */
  readonly path?: string;
}

/** Every stream `clipStream` made that has not stopped playing yet. */
const playing = new Map<MediaStream, () => void>();

/**
 * The clip playing live, looping, as a `MediaStream` with one video track (a canvas capture).
 * Frame n is shown from n / fps seconds after the start (frames are skipped, not delayed,
 * if the page falls behind). Drawing stops, and no timer is left, once every track of the
 * stream has ended (`track.stop()`); `stopClips()` stops them all.
 */
export async function clipStream({ fps, startFrame = 0, path }: ClipOptions = {}): Promise<MediaStream> {
  const clip = await loadClip(path);
  const rate = fps ?? clip.fps;
  const canvas = document.createElement('canvas');
  canvas.width = clip.width;
  canvas.height = clip.height;
  const context = canvas.getContext('2d', { alpha: false })!;
  const image = context.createImageData(clip.width, clip.height);
  const draw = (n: number) => {
    clip.frame(startFrame + n, image);
    context.putImageData(image, 0, 0);
  };
  draw(0); // the first frame is there before the track is
  // No frame rate: the track takes a frame at each draw, so exactly the clip's frames. (With
  // `captureStream(15)` Firefox samples the canvas on its own 15 Hz clock and, beating
  // against the draws, passes on only about 10 of the 15 frames a second.)
  const stream = canvas.captureStream();
  const started = performance.now();
  let shown = 0;
  let timer: number | undefined;
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    playing.delete(stream);
  };
  const tick = () => {
    timer = undefined;
    if (stream.getTracks().every((track) => track.readyState === 'ended')) return stop();
    const n = Math.floor(((performance.now() - started) * rate) / 1000);
    if (n !== shown) {
      draw(n);
      shown = n;
    }
    // The next frame's due time; at least a few ms on, so a late tick cannot spin.
    timer = setTimeout(tick, Math.max(4, started + ((n + 1) * 1000) / rate - performance.now()));
  };
  playing.set(stream, stop);
  timer = setTimeout(tick, 1000 / rate);
  return stream;
}

/** Stops every clip stream still playing (its tracks and its timer): for cleanup after a test. */
export function stopClips(): void {
  for (const [stream, stop] of [...playing]) {
    stream.getTracks().forEach((track) => track.stop());
    stop();
  }
}

/**
 * A source with a person in it, the same in every engine: the webcam clip. Pixel tests that
 * need the man in frame (`WEBCAM.face`, `WEBCAM.shelf`) pass this as the element's `source`;
 * engines' fake cameras (other than Chromium's, which plays this clip) show no person.
 */
export function personSource(options?: ClipOptions): Promise<MediaStream> {
  return clipStream(options);
}

/**
 * Makes `getUserMedia` hand out a new clip stream (video only, constraints ignored) until
 * `restore()`: for tests that need the man in frame AND check what the element does with
 * the camera it opens itself (opened once, released). Install before `spyOnCamera()`.
 */
export function clipAsCamera(options?: ClipOptions): { restore(): void } {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (!constraints?.video) return original.call(devices, constraints);
    return clipStream(options);
  };
  return { restore: () => void (devices.getUserMedia = original) };
}

/**
 * For every test of the calling `describe`: the camera plays the webcam clip (`clipAsCamera`),
 * so tests of the element's own camera see the man in every engine, not only in Chromium.
 */
export function cameraPlaysClipInEachTest(options?: ClipOptions): void {
  let camera: { restore(): void } | undefined;
  beforeEach(() => (camera = clipAsCamera(options)));
  afterEach(() => {
    camera?.restore();
    camera = undefined;
  });
}
