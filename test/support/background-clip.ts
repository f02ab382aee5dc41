/**
 * The bundled video background (`assets/backgrounds/drift.webm`) as tests see it: the colours
 * a region of it takes over its loop, read from the clip itself through a `<video>` in the
 * engine under test, to tell the clip's frames behind the person from the room.
 */
import type { Rect } from './pixels.js';
import { meanColor, toImageData } from './pixels.js';

export const BACKGROUND_CLIP = '/assets/backgrounds/drift.webm';

/** Samples read over the clip's 8 s loop: neighbours are 1/6 s apart. */
const SAMPLES = 48;

type Rgb = readonly [number, number, number];

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
export function distanceToClip(colour: Rgb, colours: readonly Rgb[]): number {
  return Math.min(...colours.map((sample) => Math.max(...sample.map((value, c) => Math.abs(value - colour[c]!)))));
}

/** The largest channel difference between any two of `colours`: how much a region changed over them. */
export function colourSpread(colours: readonly Rgb[]): number {
  let spread = 0;
  for (const a of colours) for (const b of colours) spread = Math.max(spread, ...a.map((value, c) => Math.abs(value - b[c]!)));
  return spread;
}
