/**
 * The bundled video background (`assets/backgrounds/drift.webm`) as tests see it: the colours
 * a region of it takes over its loop, read from the clip itself through a `<video>` in the
 * engine under test, to tell the clip's frames behind the person from the room.
 */
import { WEBCAM } from './media.js';
import type { Rect } from './pixels.js';
import { meanColor, toImageData } from './pixels.js';

export const BACKGROUND_CLIP = '/assets/backgrounds/drift.webm';

/** Samples read over the clip's 8 s loop: neighbours are 1/6 s apart. */
const SAMPLES = 48;

export type Rgb = [number, number, number];

/**
 * How long a test waits for the first processed frame: a page's first model load in Firefox or
 * WebKit, on a busy 2-core machine, has taken a minute here (later ones take seconds).
 */
export const READY_MS = 150_000;

/** The clip's colours within this much (largest channel difference): decoders and the output path differ a little. */
export const CLIP_TOLERANCE = 20;

let cornerColours: Promise<Rgb[]> | null = null;

/** `clipColours` of the top-left corner (`WEBCAM.topLeft`), read once per page. */
export function clipCorner(): Promise<Rgb[]> {
  return (cornerColours ??= clipColours(WEBCAM.topLeft));
}

/** A canvas that is all red, then all blue, switching every 300 ms: a `backgroundSource` easy to tell. */
export function flashingCanvas(): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    context.fillStyle = Math.floor(performance.now() / 300) % 2 ? '#0000ff' : '#ff0000';
    context.fillRect(0, 0, 320, 240);
  };
  draw();
  const timer = setInterval(draw, 1000 / 30);
  const stream = canvas.captureStream();
  return { stream, stop: () => (clearInterval(timer), stream.getTracks().forEach((t) => t.stop())) };
}

/**
 * The mean colour of `rect` in each of `SAMPLES` frames spread over the clip, the clip stretched
 * to 640x480 (as `background-fit="fill"` lays it over a 640x480 camera).
 */
export async function clipColours(rect: Rect): Promise<Rgb[]> {
  // From a blob, which any engine can seek in: the test server answers without byte ranges.
  const response = await fetch(BACKGROUND_CLIP);
  if (!response.ok) throw new Error(`${BACKGROUND_CLIP}: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.src = url;
  await new Promise<void>((resolve, reject) => {
    video.addEventListener('loadeddata', () => resolve(), { once: true });
    video.addEventListener('error', () => reject(new Error(`${BACKGROUND_CLIP}: ${video.error?.message ?? 'error'}`)), { once: true });
  });
  const colours: Rgb[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    video.currentTime = (i * video.duration) / SAMPLES;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    colours.push(meanColor(toImageData(video, 640, 480), rect));
  }
  video.removeAttribute('src');
  video.load();
  URL.revokeObjectURL(url);
  return colours;
}

/** How far `colour` is from the nearest of `colours`: the largest channel difference, 0..255. */
export function distanceToClip(colour: readonly number[], colours: readonly Rgb[]): number {
  return Math.min(...colours.map((sample) => Math.max(...sample.map((value, c) => Math.abs(value - colour[c]!)))));
}

/** The largest channel difference between any two of `colours`: how much a region changed over them. */
export function colourSpread(colours: readonly (readonly number[])[]): number {
  let spread = 0;
  for (const a of colours) for (const b of colours) spread = Math.max(spread, ...a.map((value, c) => Math.abs(value - b[c]!)));
  return spread;
}
