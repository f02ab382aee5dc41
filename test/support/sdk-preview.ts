/**
 * What the adapter tests share: the webcam clip as the SDK's camera, the pixels an SDK's own
 * preview `<video>` presents, and the colour-mode check (background painted, face kept).
 */
import { expect } from '@open-wc/testing';
import type { ErrorEventDetail } from '../../src/processor/index.js';
import { personSource, stopClips } from './clip.js';
import { WEBCAM } from './media.js';
import { meanColor, toImageData } from './pixels.js';
import { watchWorkers, type WatchedWorker, type WorkerWatch } from './workers.js';

/** Steps a test registers to undo what it made; run newest first after each test of the file. */
export function cleanupAfterEach(): (() => unknown)[] {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    stopClips();
  });
  return cleanup;
}

/** Records the workers started from now until the test's cleanup. */
export function watchedWorkers(cleanup: (() => unknown)[]): WorkerWatch {
  const workers = watchWorkers();
  cleanup.push(() => workers.restore());
  return workers;
}

/** The whole colour check: `adapter` paints `video` green, then blue after `configure()`, with no error. */
export async function expectPaintsAndConfigures(
  adapter: { configure(options: { backgroundColor: string }): void },
  video: () => HTMLVideoElement,
  errors: ErrorEventDetail[],
): Promise<void> {
  expectPainted(await presentedUntil(video(), painted(isGreen)), isGreen, 'green');
  adapter.configure({ backgroundColor: '#0000ff' });
  expectPainted(await presentedUntil(video(), painted(isBlue)), isBlue, 'blue after configure()');
  expect(errors).to.deep.equal([]);
}

/** After a detach: `processed` (if the adapter's) ended, every worker in `begun` terminated. */
export function expectReleased(begun: WatchedWorker[], processed: MediaStreamTrack | null): void {
  if (processed) expect(processed.readyState, 'the processed track').to.equal('ended');
  expect(begun.length, 'workers were started').to.be.greaterThan(0);
  expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
}

/** After a detach, the SDK's preview shows the raw camera again. */
export async function expectRawPreview(video: () => HTMLVideoElement, what: string): Promise<void> {
  expectUnpainted(await presentedUntil(video(), unpainted, 10_000), what);
}

export const isGreen = ([r, g, b]: number[]) => g! > 230 && r! + b! < 40;
export const isBlue = ([r, g, b]: number[]) => b! > 230 && r! + g! < 40;

/**
 * A live track of the webcam clip, standing in for the SDK's camera; `cleanup` stops it.
 * SDKs re-apply a camera's constraints (LiveKit on `stopProcessor`), which a camera accepts;
 * Firefox's canvas capture, the clip's track, rejects any with `OverconstrainedError`, so
 * here they are accepted and ignored, as the clip has no size or rate to change.
 */
export async function clipTrack(cleanup: (() => unknown)[]): Promise<MediaStreamTrack> {
  const stream = await personSource();
  cleanup.push(() => stream.getTracks().forEach((track) => track.stop()));
  const track = stream.getVideoTracks()[0]!;
  track.applyConstraints = () => Promise.resolve();
  return track;
}

/** Until `cleanup`, `getUserMedia` opens a new `clipTrack` (for an SDK that reopens its camera). */
export function clipAsCamera(cleanup: (() => unknown)[]): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  devices.getUserMedia = async () => new MediaStream([await clipTrack(cleanup)]);
  cleanup.push(() => (devices.getUserMedia = original));
}

/** The next frame `video` presents (a video the SDK plays; it must be in the page), as 640x480 pixels. */
export async function presented(video: HTMLVideoElement): Promise<ImageData> {
  // The SDK may swap the video's stream while it starts playing, which aborts a play() in
  // Firefox and WebKit: play again until it plays.
  while (video.paused) {
    await video.play().catch(async (error: unknown) => {
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
  }
  await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
  return toImageData(video, 640, 480);
}

/** Whether `frame` shows the colour effect with a real mask: corner painted, face not. */
export function painted(colour: (rgb: number[]) => boolean): (frame: ImageData) => boolean {
  return (frame) => colour(meanColor(frame, WEBCAM.topLeft)) && !colour(meanColor(frame, WEBCAM.face));
}

/** Frames `video` presents until one satisfies `done` or `ms` pass; the last one read. */
export async function presentedUntil(video: HTMLVideoElement, done: (frame: ImageData) => boolean, ms = 60_000): Promise<ImageData> {
  const deadline = performance.now() + ms;
  for (;;) {
    const frame = await presented(video);
    if (done(frame) || performance.now() > deadline) return frame;
  }
}

/** The colour effect with a real mask: the corner is painted `colour`, the face is not. */
export function expectPainted(frame: ImageData, colour: (rgb: number[]) => boolean, what: string): void {
  expect(meanColor(frame, WEBCAM.topLeft), `${what}: the background corner is painted`).to.satisfy(colour);
  expect(meanColor(frame, WEBCAM.face), `${what}: the face is not painted`).not.to.satisfy(colour);
}

/** Whether `frame` is the raw clip: neither colour in the corner or on the face. */
export function unpainted(frame: ImageData): boolean {
  return [WEBCAM.topLeft, WEBCAM.face].every((region) => {
    const colour = meanColor(frame, region);
    return !isGreen(colour) && !isBlue(colour);
  });
}

/** The raw clip: neither colour anywhere we look (the processor is gone from the picture). */
export function expectUnpainted(frame: ImageData, what: string): void {
  for (const [name, region] of [['corner', WEBCAM.topLeft], ['face', WEBCAM.face]] as const) {
    const colour = meanColor(frame, region);
    expect(colour, `${what}: the ${name} is not green`).not.to.satisfy(isGreen);
    expect(colour, `${what}: the ${name} is not blue`).not.to.satisfy(isBlue);
  }
}

/** Records an adapter's `error` events. */
export function errorsOf(target: { addEventListener(type: 'error', listener: (event: CustomEvent<ErrorEventDetail>) => unknown): void }): ErrorEventDetail[] {
  const errors: ErrorEventDetail[] = [];
  target.addEventListener('error', (event) => errors.push(event.detail));
  return errors;
}

/** Shows `video` in the page, small, where frame callbacks fire in every engine. */
export function inPage(video: HTMLVideoElement, cleanup: (() => unknown)[]): HTMLVideoElement {
  video.muted = true;
  video.style.cssText = 'position:fixed;left:0;top:0;width:160px;height:120px';
  document.body.append(video);
  cleanup.push(() => video.remove());
  return video;
}
