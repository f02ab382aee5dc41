import '../../src/components/virtual-bg-camera/virtual-bg-camera.js';
import type { ErrorEventDetail, VirtualBgCamera } from '../../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { stopClips } from './clip.js';
import { closeReaders } from './pixels.js';

/** The real timer, captured at load: tests that stub timers (hidden-tab) still time out cleanly. */
const setTimeout = window.setTimeout.bind(window);

/** Every element a test created, removed again after each test. */
const created = new Set<VirtualBgCamera>();

export interface Started {
  readonly element: VirtualBgCamera;
  readonly track: MediaStreamTrack;
  readonly errors: ErrorEventDetail[];
}

/**
 * Adds a `<virtual-bg-camera>` with `attributes` (and `source`, if given) to the page and
 * resolves once it has emitted `track` and `ready`. Rejects on the first `error`.
 */
export async function startElement(
  attributes: Record<string, string> = {},
  source?: MediaStream,
  timeoutMs = 60_000,
): Promise<Started> {
  const element = document.createElement('virtual-bg-camera');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (source) element.source = source;
  const errors: ErrorEventDetail[] = [];
  let track: MediaStreamTrack | null = null;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready event')), timeoutMs);
    element.addEventListener('track', (event) => (track = event.detail.track));
    element.addEventListener('ready', () => (clearTimeout(timer), resolve()), { once: true });
    element.addEventListener('error', (event) => {
      errors.push(event.detail);
      clearTimeout(timer);
      reject(new Error(`${event.detail.code}: ${event.detail.message}`));
    });
  });
  created.add(element);
  document.body.append(element);
  await started;
  if (!track) throw new Error('ready came before track');
  return { element, track, errors };
}

/**
 * Removes every element a test added, and what else a test may leave running: clip streams
 * (`personSource()`) still playing and `TrackReader`s still open.
 */
export function removeAllElements(): void {
  for (const element of created) element.remove();
  created.clear();
  stopClips();
  closeReaders();
}

/** Waits for the pipeline to draw a few more camera frames (the fake camera runs at 15 fps). */
export async function settle(ms = 1500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves with `check()`'s first truthy result, polled every 20 ms (on the real timer), or
 * rejects after `timeoutMs` naming `what`: a wait on a condition instead of a fixed sleep.
 */
export function waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      let value: T | null | undefined | false;
      try {
        value = check();
      } catch (error) {
        return reject(error);
      }
      if (value) return resolve(value);
      if (performance.now() > deadline) return reject(new Error(`waited ${timeoutMs} ms for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

/** Opens the (fake) camera directly, as an app that owns its stream would. */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
}

/**
 * Records every stream `getUserMedia` hands out from now on, so a test can check that the
 * element released the camera (every track `ended`). Call `restore()` when done.
 */
export function spyOnCamera(): { streams: MediaStream[]; liveTracks(): MediaStreamTrack[]; restore(): void } {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  const streams: MediaStream[] = [];
  devices.getUserMedia = async function (this: MediaDevices, constraints?: MediaStreamConstraints) {
    const stream = await original.call(this, constraints);
    streams.push(stream);
    return stream;
  };
  return {
    streams,
    liveTracks: () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live'),
    restore: () => void (devices.getUserMedia = original),
  };
}

/** A two-colour test image (left half `left`, right half `right`) as a blob: URL. */
export async function splitImageUrl(left: string, right: string, width = 320, height = 240): Promise<string> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = left;
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = right;
  context.fillRect(width / 2, 0, width / 2, height);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}

/** Resolves on the element's next event of `type`, or rejects after `timeoutMs`. */
export function nextEvent<T extends Event = Event>(target: EventTarget, type: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(type, (event) => (clearTimeout(timer), resolve(event as T)), { once: true });
  });
}

/** A still image as a live 640x480 video stream (stretched), for deterministic pixel checks. */
export function stillStream(
  image: CanvasImageSource,
  width = 640,
  height = 480,
  fps = 15,
): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const draw = () => context.drawImage(image, 0, 0, width, height);
  draw();
  // With no frame rate, captureStream emits a frame each time the canvas is drawn: redraw at
  // camera rate. (A rate makes Firefox sample on its own clock, dropping a third of the frames.)
  const timer = setInterval(draw, 1000 / fps);
  const stream = canvas.captureStream();
  return { stream, stop: () => (clearInterval(timer), stream.getTracks().forEach((t) => t.stop())) };
}

export interface Mounted {
  readonly element: VirtualBgCamera;
  /** Every `error` detail so far. */
  readonly errors: ErrorEventDetail[];
  /** Resolves with the next `error` of `code`, or rejects after `timeoutMs`. */
  errorOf(code: string, timeoutMs?: number): Promise<ErrorEventDetail>;
  /** Resolves on the next `ready` after now, with the current track. */
  nextReady(timeoutMs?: number): Promise<MediaStreamTrack>;
}

/** Adds an element without failing on errors: for tests of error paths. */
export function mountElement(attributes: Record<string, string> = {}, source?: MediaStream): Mounted {
  const element = document.createElement('virtual-bg-camera');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (source) element.source = source;
  const errors: ErrorEventDetail[] = [];
  element.addEventListener('error', (event) => errors.push(event.detail));
  created.add(element);
  document.body.append(element);
  return {
    element,
    errors,
    errorOf: (code, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const seen = errors.find((e) => e.code === code);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`no ${code} error; saw ${JSON.stringify(errors)}`)), timeoutMs);
        const listener = (event: CustomEvent<ErrorEventDetail>) => {
          if (event.detail.code !== code) return;
          clearTimeout(timer);
          element.removeEventListener('error', listener);
          resolve(event.detail);
        };
        element.addEventListener('error', listener);
      }),
    nextReady: (timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready; errors ${JSON.stringify(errors)}`)), timeoutMs);
        element.addEventListener('ready', () => (clearTimeout(timer), resolve(element.track!)), { once: true });
      }),
  };
}

/** Makes `getUserMedia` reject with a DOMException named `name` until `restore()`. */
export function failCamera(name: string): { restore(): void } {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia;
  devices.getUserMedia = () => Promise.reject(new DOMException(`simulated ${name}`, name));
  return { restore: () => void (devices.getUserMedia = original) };
}
