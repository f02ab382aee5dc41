/**
 * The evaluation page behind `npm run eval` (eval/run.mjs drives it in headless Chromium).
 *
 * `runEval` (the matte part) runs the real pipeline code, the project's TfjsSegmenter and
 * Compositor, on the shared test media, and scores the final matte (the compositor's alpha at
 * output resolution, read back as grey through its debug view) against the reference alphas.
 * Every configuration gets the same mask for the same frame: each frame is segmented once
 * (inference on every frame, in order) and the mask is handed to one compositor per
 * configuration, so differences come from the matte stage alone.
 *
 * `runScenes` (the scenes part) scores the element itself, at its output, on the hard scenes
 * of eval/scenes.ts: see there.
 */
import '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import type { StatsEventDetail, VirtualBgCamera } from '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { SELFIE } from '../src/inference/model-descriptors.js';
import type { SegmentationMask } from '../src/inference/segmenter.js';
import { TfjsSegmenter } from '../src/inference/tfjs-segmenter.js';
import { Compositor } from '../src/render/compositor.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../src/shared/matte-options.js';
import { MATTE_TUNING } from '../src/render/matte.js';
import { alphaChange, boundaryF, iou } from './metrics.js';
import { compositeResidual, HEIGHT, KEY, SCENES, sceneFrames, solveAlpha, WIDTH, type SceneFrame, type SceneKind } from './scenes.js';

export interface EvalParams {
  /** Photo names (NAME.png + NAME.mask.png under photos/). */
  photos: string[];
  /** Video frames to use (all by default). */
  maxFrames?: number;
  /** Override the matte options under test (defaults: DEFAULT_MATTE_OPTIONS). */
  edgeSoftness?: number;
  /** Boundary F tolerance, px. */
  tolerance: number;
  /** Overrides of the matte stage's internal constants, for sweeps. */
  tuning?: Partial<typeof MATTE_TUNING>;
  /** Photos whose mattes to return as PNG data URLs, for looking at. */
  dump?: string[];
}

async function pngDataUrl(alpha: Uint8Array, width: number, height: number): Promise<string> {
  const image = new ImageData(width, height);
  for (let i = 0; i < alpha.length; i++) image.data.set([alpha[i]!, alpha[i]!, alpha[i]!, 255], i * 4);
  return imageDataUrl(image);
}

async function imageDataUrl(image: ImageData): Promise<string> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}

const MEDIA = '/__media__/';
/** Reference alpha change below which a pixel counts as static for flicker (8-bit levels). */
const STATIC_LEVELS = 2;

function configurations(edgeSoftness: number): Record<string, MatteOptions> {
  return {
    raw: { edgeSoftness: 0, temporal: false, lightWrap: 0 },
    refine: { edgeSoftness, temporal: false, lightWrap: 0 },
    'refine+temporal': { edgeSoftness, temporal: true, lightWrap: 0 },
  };
}

async function fetchBitmap(path: string): Promise<ImageBitmap> {
  const response = await fetch(MEDIA + path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

/** The red channel of an image, 0..255, at `width`x`height`. */
function channel(source: CanvasImageSource, width: number, height: number): Uint8Array {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(source, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4]!;
  return out;
}

/** Renders `frame` through `compositor` as the grey matte and reads it back. */
function readMatte(compositor: Compositor, frame: VideoFrame): Uint8Array {
  compositor.debugMatte = true;
  compositor.render(frame);
  const matte = channel(compositor.canvas, frame.displayWidth, frame.displayHeight);
  compositor.debugMatte = false;
  return matte;
}

/** Renders the normal composite and waits for the GPU (a 1-pixel read-back), in ms. */
function timedRender(compositor: Compositor, frame: VideoFrame, gl: WebGL2RenderingContext): number {
  const started = performance.now();
  compositor.render(frame);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  return performance.now() - started;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function segment(segmenter: TfjsSegmenter, frame: VideoFrame): Promise<{ mask: SegmentationMask; ms: number }> {
  const started = performance.now();
  // The segmenter resizes to its input and closes what it is given: hand it a clone.
  const mask = await segmenter.segment(frame.clone());
  return { mask, ms: performance.now() - started };
}

/** Y4M (yuv420p) → I420 VideoFrames, in order; the browser converts with the stated BT.601 range. */
async function* y4mFrames(path: string, maxFrames: number): AsyncGenerator<VideoFrame> {
  const bytes = new Uint8Array(await (await fetch(MEDIA + path)).arrayBuffer());
  const headerEnd = bytes.indexOf(0x0a);
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd));
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  if (!/ C420/.test(header)) throw new Error(`not yuv420p: ${header}`);
  const fullRange = /XCOLORRANGE=FULL/.test(header);
  const frameSize = width * height * 1.5;
  let offset = headerEnd + 1;
  for (let index = 0; index < maxFrames && offset < bytes.length; index++) {
    offset = bytes.indexOf(0x0a, offset) + 1; // skip "FRAME[ params]\n"
    yield new VideoFrame(bytes.subarray(offset, offset + frameSize), {
      format: 'I420',
      codedWidth: width,
      codedHeight: height,
      timestamp: Math.round((index * 1e6) / 15),
      colorSpace: { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange },
    });
    offset += frameSize;
  }
}

async function run(params: EvalParams) {
  Object.assign(MATTE_TUNING, params.tuning ?? {});
  const segmenter = await TfjsSegmenter.create(SELFIE);
  const configs = configurations(params.edgeSoftness ?? DEFAULT_MATTE_OPTIONS.edgeSoftness);
  const names = Object.keys(configs);
  const compositors = await Promise.all(names.map(() => Compositor.create()));
  const gls = compositors.map((c) => c.canvas.getContext('webgl2')!);
  names.forEach((name, i) => {
    compositors[i]!.setMatteOptions(configs[name]!);
    // Blur medium: the mode that costs the most besides the matte, as in a real call.
    compositors[i]!.setEffect({ kind: 'blur', sigma720: 8 });
  });
  try {
    // Photos.
    const photos: Record<string, Record<string, { iou: number; boundaryF: number }>> = {};
    const dumps: Record<string, string> = {};
    for (const photo of params.photos) {
      const bitmap = await fetchBitmap(`photos/${photo}.png`);
      const frame = new VideoFrame(bitmap, { timestamp: 0 });
      const { width, height } = bitmap;
      const reference = channel(await fetchBitmap(`photos/${photo}.mask.png`), width, height);
      const { mask } = await segment(segmenter, frame);
      photos[photo] = {};
      for (const [i, name] of names.entries()) {
        const compositor = compositors[i]!;
        compositor.clearMask(); // a new, unrelated picture: no history
        compositor.setMask(mask);
        const alpha = readMatte(compositor, frame);
        photos[photo]![name] = { iou: iou(alpha, reference), boundaryF: boundaryF(alpha, reference, width, height, params.tolerance) };
        if (params.dump?.includes(photo)) dumps[`${photo}.${name}`] = await pngDataUrl(alpha, width, height);
      }
      frame.close();
      bitmap.close();
    }

    // Video: every frame segmented, in order; one temporal step per mask.
    for (const compositor of compositors) compositor.clearMask();
    const video = Object.fromEntries(names.map((n) => [n, { ious: [] as number[], lags: [] as number[], flickerSum: 0, flickerCount: 0, renderMs: [] as number[] }]));
    const inferenceMs: number[] = [];
    const previousAlpha: (Uint8Array | null)[] = names.map(() => null);
    let previousReference: Uint8Array | null = null;
    let index = 0;
    const pendingLag: (Uint8Array | null)[] = names.map(() => null);
    for await (const frame of y4mFrames('webcam_640x480.y4m', params.maxFrames ?? Infinity)) {
      const width = frame.displayWidth;
      const height = frame.displayHeight;
      const reference = channel(await fetchBitmap(`webcam_640x480.rvm/${String(index).padStart(4, '0')}.png`), width, height);
      const { mask, ms } = await segment(segmenter, frame);
      if (index > 0) inferenceMs.push(ms); // the first run includes warm-up
      names.forEach((name, i) => {
        const compositor = compositors[i]!;
        const stats = video[name]!;
        compositor.setMask(mask);
        const renderMs = timedRender(compositor, frame, gls[i]!);
        if (index > 0) stats.renderMs.push(renderMs);
        const alpha = readMatte(compositor, frame);
        stats.ious.push(iou(alpha, reference));
        // Lag: does the previous frame's matte fit this frame's reference better than its own?
        const before = pendingLag[i];
        if (before && previousReference) stats.lags.push(iou(before, reference) - iou(before, previousReference));
        pendingLag[i] = alpha;
        const previous = previousAlpha[i];
        if (previous && previousReference) {
          const reference0 = previousReference;
          const change = alphaChange(alpha, previous, (p) => Math.abs(reference[p]! - reference0[p]!) <= STATIC_LEVELS);
          stats.flickerSum += change.sum;
          stats.flickerCount += change.count;
        }
        previousAlpha[i] = alpha;
      });
      previousReference = reference;
      frame.close();
      index++;
    }

    const summary = Object.fromEntries(
      names.map((name) => {
        const stats = video[name]!;
        const photoScores = Object.values(photos).map((p) => p[name]!);
        return [
          name,
          {
            options: configs[name],
            photoIoU: mean(photoScores.map((s) => s.iou)),
            photoBoundaryF: mean(photoScores.map((s) => s.boundaryF)),
            videoIoU: mean(stats.ious),
            flicker: stats.flickerSum / Math.max(stats.flickerCount, 1) / 255,
            lag: mean(stats.lags),
            renderMs: median(stats.renderMs),
          },
        ];
      }),
    );
    return { tuning: { ...MATTE_TUNING }, frames: index, inferenceMs: median(inferenceMs), backend: segmenter.backendInfo, summary, photos, dumps };
  } finally {
    for (const compositor of compositors) compositor.destroy();
    segmenter.dispose();
  }
}

export interface SceneRun {
  /** Row name in the table, e.g. `motion, CPU loaded`. */
  label: string;
  kind: SceneKind;
  /** Photo names (NAME.png + NAME.mask.png under photos/). */
  photos: string[];
  /** Busy workers spinning in the page while the scene plays (deterministic CPU load). */
  busyWorkers?: number;
}

export interface ScenesParams {
  runs: SceneRun[];
  /** Frames scored per photo, at the scene's own rate. */
  frames: Partial<Record<SceneKind, number>>;
  /** Seconds the scene plays, after the element is ready, before frames are scored. */
  warmupSeconds: number;
  /** Boundary F tolerance, px. */
  tolerance: number;
  /** Attributes set on the element besides background-color (e.g. `{ quality: 'high' }`), for A/B runs. */
  attributes?: Record<string, string>;
  /** Photos whose first scored frame to return (ours, raw, reference) as PNG data URLs, for looking at. */
  dump?: string[];
}

interface Scored {
  iou: number;
  boundaryF: number;
}

/** Per-frame scores of one method on one photo's scene, and its flicker. */
interface MethodScores {
  iou: number;
  boundaryF: number;
  /** Share of pixels whose thresholded mask changes between consecutive scored frames (still scenes). */
  flicker: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const threshold = (alpha: Uint8Array) => alpha.map((a) => (a > 127 ? 255 : 0));

/** Means of per-frame scores, and flicker of the thresholded masks over the sequence, in order. */
function summarise(alphas: Uint8Array[], scores: Scored[], still: boolean): MethodScores {
  let sum = 0;
  let count = 0;
  if (still) {
    for (let i = 1; i < alphas.length; i++) {
      const change = alphaChange(threshold(alphas[i]!), threshold(alphas[i - 1]!));
      sum += change.sum;
      count += change.count;
    }
  }
  return {
    iou: mean(scores.map((s) => s.iou)),
    boundaryF: mean(scores.map((s) => s.boundaryF)),
    flicker: still && count ? sum / count / 255 : null,
  };
}

/** A worker that spins until terminated: one core's worth of steady, deterministic load. */
function busyWorker(): Worker {
  const url = URL.createObjectURL(new Blob(['for (;;) {}'], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  return worker;
}

interface Played {
  /** Output frames (after the scene clock started), with the input frame each was made from. */
  outputs: { image: ImageData; input: number; latencyMs: number }[];
  /** Input frames drawn during the scored part. */
  drawn: number;
  stats: StatsEventDetail[];
}

/**
 * Plays `frames` through a new `<virtual-bg-camera>` in colour mode, as its `source` (a
 * canvas stream drawn at `fps`), and collects its output track's frames. Until the element
 * is ready the first `warmup` frames loop; then the scene plays once from frame 0. Every
 * output frame is matched to the input frame that explains it best (see compositeResidual).
 */
async function play(frames: SceneFrame[], fps: number, warmup: number, busyWorkers: number, attributes: Record<string, string>): Promise<Played> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  canvas.style.cssText = 'position:fixed;left:0;top:0;width:64px;height:48px';
  document.body.append(canvas);
  const context = canvas.getContext('2d')!;
  // With no rate, the capture emits a frame each time the canvas is drawn.
  const stream = canvas.captureStream();
  const draws: { index: number; at: number; clock: boolean }[] = [];
  const show = (index: number, clock: boolean) => {
    context.putImageData(frames[index]!.image, 0, 0);
    draws.push({ index, at: performance.now(), clock });
  };

  const element = document.createElement('virtual-bg-camera') as VirtualBgCamera;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.setAttribute('background-color', `rgb(${KEY.join(',')})`);
  element.style.cssText = 'display:block;width:160px;height:120px';
  element.source = stream;
  const stats: StatsEventDetail[] = [];
  let clockStart = Infinity;
  element.addEventListener('stats', (event) => performance.now() > clockStart && stats.push(event.detail));
  const collected: { image: ImageData; at: number }[] = [];
  let reading: Promise<void> = Promise.resolve();
  let stopReading = () => undefined as void;
  element.addEventListener('track', (event) => {
    const reader = new MediaStreamTrackProcessor({ track: event.detail.track }).readable.getReader();
    stopReading = () => void reader.cancel();
    const scratch = new OffscreenCanvas(WIDTH, HEIGHT).getContext('2d', { willReadFrequently: true })!;
    reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done || !value) return;
        const at = performance.now();
        if (at > clockStart) {
          scratch.drawImage(value, 0, 0, WIDTH, HEIGHT);
          collected.push({ image: scratch.getImageData(0, 0, WIDTH, HEIGHT), at });
        }
        value.close();
      }
    })();
  });
  let failure: Error | null = null;
  element.addEventListener('error', (event) => (failure = new Error(`${event.detail.code}: ${event.detail.message}`)));
  const ready = new Promise((resolve) => element.addEventListener('ready', resolve, { once: true }));

  const workers = Array.from({ length: busyWorkers }, busyWorker);
  try {
    // Until ready: loop the warm-up frames at the scene's rate.
    let shown = 0;
    show(0, false);
    document.body.append(element);
    let isReady = false;
    void ready.then(() => (isReady = true));
    const deadline = performance.now() + 60_000;
    while (!isReady) {
      if (failure) throw failure;
      if (performance.now() > deadline) throw new Error('the element was not ready within 60 s');
      await sleep(1000 / fps);
      show(++shown % warmup, false);
    }
    // The scene clock: frame n at n / fps s (frames are skipped, not delayed, if the page lags).
    clockStart = performance.now();
    let last = -1;
    for (;;) {
      const n = Math.floor(((performance.now() - clockStart) * fps) / 1000);
      if (n >= frames.length) break;
      if (n !== last) show(n, true), (last = n);
      await sleep(Math.max(2, clockStart + ((n + 1) * 1000) / fps - performance.now()));
    }
    await sleep(600); // the last frames' way through the pipeline
    if (failure) throw failure;
  } finally {
    stopReading();
    await reading;
    element.remove();
    stream.getTracks().forEach((track) => track.stop());
    canvas.remove();
    for (const worker of workers) worker.terminate();
  }

  const clocked = draws.filter((d) => d.clock);
  const outputs: Played['outputs'] = [];
  for (const output of collected) {
    // Candidates: what was drawn in the two seconds before the output arrived.
    const candidates = clocked.filter((d) => d.at <= output.at && d.at > output.at - 2000);
    let best: (typeof candidates)[number] | null = null;
    let bestResidual = Infinity;
    for (const candidate of candidates) {
      const residual = compositeResidual(output.image, frames[candidate.index]!.image);
      if (residual < bestResidual) (bestResidual = residual), (best = candidate);
    }
    if (best && best.index >= warmup) outputs.push({ image: output.image, input: best.index, latencyMs: output.at - best.at });
  }
  return { outputs, drawn: clocked.filter((d) => d.index >= warmup).length, stats };
}

async function runScenes(params: ScenesParams) {
  // The raw model on the same input frames, in the page: each frame segmented and stretched
  // over the frame by a compositor with the matte stage off, exactly as `runEval`'s raw row.
  const segmenter = await TfjsSegmenter.create(SELFIE);
  const rawCompositor = await Compositor.create();
  const dumps: Record<string, string> = {};
  rawCompositor.setMatteOptions(configurations(0)['raw']!);
  // Any effect but none: with none the compositor passes the camera through, matte unused.
  rawCompositor.setEffect({ kind: 'color', rgba: [KEY[0] / 255, KEY[1] / 255, KEY[2] / 255, 1] });
  const results: {
    label: string;
    kind: SceneKind;
    busyWorkers: number;
    photos: Record<string, { frames: number; drawn: number; latencyMs: number; unsolved: number; inferenceFps: number; fps: number; ours: MethodScores; raw: MethodScores }>;
  }[] = [];
  try {
    for (const run of params.runs) {
      const spec = SCENES[run.kind];
      // At least one frame: outputs of the frames looped before ready are never scored.
      const warmup = Math.max(1, Math.round(params.warmupSeconds * spec.fps));
      const count = params.frames[run.kind] ?? 15;
      const row: (typeof results)[number] = { label: run.label, kind: run.kind, busyWorkers: run.busyWorkers ?? 0, photos: {} };
      results.push(row);
      for (const photo of run.photos) {
        const image = await fetchBitmap(`photos/${photo}.png`);
        const mask = await fetchBitmap(`photos/${photo}.mask.png`);
        const frames = sceneFrames(run.kind, photo, image, mask, warmup + count);
        image.close();
        mask.close();
        const played = await play(frames, spec.fps, warmup, run.busyWorkers ?? 0, params.attributes ?? {});
        if (!played.outputs.length) throw new Error(`${run.label} / ${photo}: no output frame matched an input frame`);

        const ours = { alphas: [] as Uint8Array[], scores: [] as Scored[] };
        const raw = { alphas: [] as Uint8Array[], scores: [] as Scored[] };
        let unsolved = 0;
        const score = (alpha: Uint8Array, reference: Uint8Array) => ({
          iou: iou(alpha, reference),
          boundaryF: boundaryF(alpha, reference, WIDTH, HEIGHT, params.tolerance),
        });
        for (const output of played.outputs) {
          const input = frames[output.input]!;
          const solved = solveAlpha(output.image, input.image);
          unsolved += solved.unsolved;
          ours.alphas.push(solved.alpha);
          ours.scores.push(score(solved.alpha, input.reference));

          const frame = new VideoFrame(input.image.data, { format: 'RGBA', codedWidth: WIDTH, codedHeight: HEIGHT, timestamp: output.input });
          const { mask: rawMask } = await segment(segmenter, frame);
          rawCompositor.setMask(rawMask);
          const alpha = readMatte(rawCompositor, frame);
          frame.close();
          raw.alphas.push(alpha);
          raw.scores.push(score(alpha, input.reference));
          if (params.dump?.includes(photo) && raw.alphas.length === 1) {
            const name = `${run.label.split(/[ ,]/)[0]}.${photo}`;
            dumps[`${name}.ours`] = await pngDataUrl(solved.alpha, WIDTH, HEIGHT);
            dumps[`${name}.raw`] = await pngDataUrl(alpha, WIDTH, HEIGHT);
            dumps[`${name}.reference`] = await pngDataUrl(input.reference, WIDTH, HEIGHT);
            dumps[`${name}.input`] = await imageDataUrl(input.image);
            dumps[`${name}.output`] = await imageDataUrl(output.image);
          }
        }
        row.photos[photo] = {
          frames: played.outputs.length,
          drawn: played.drawn,
          latencyMs: median(played.outputs.map((o) => o.latencyMs)),
          unsolved: unsolved / played.outputs.length / (WIDTH * HEIGHT),
          inferenceFps: median(played.stats.map((s) => s.inferenceFps)),
          fps: median(played.stats.map((s) => s.fps)),
          ours: summarise(ours.alphas, ours.scores, spec.still),
          raw: summarise(raw.alphas, raw.scores, spec.still),
        };
      }
    }
  } finally {
    rawCompositor.destroy();
    segmenter.dispose();
  }

  const summary = results.map((row) => {
    const photos = Object.values(row.photos);
    const average = (pick: (p: (typeof photos)[number]) => number | null) => {
      const values = photos.map(pick).filter((v): v is number => v !== null);
      return values.length ? mean(values) : null;
    };
    return {
      label: row.label,
      kind: row.kind,
      photos: photos.length,
      frames: photos.reduce((n, p) => n + p.frames, 0),
      drawn: photos.reduce((n, p) => n + p.drawn, 0),
      ours: { iou: average((p) => p.ours.iou), boundaryF: average((p) => p.ours.boundaryF), flicker: average((p) => p.ours.flicker) },
      raw: { iou: average((p) => p.raw.iou), boundaryF: average((p) => p.raw.boundaryF), flicker: average((p) => p.raw.flicker) },
      latencyMs: average((p) => p.latencyMs),
      inferenceFps: average((p) => p.inferenceFps),
      fps: average((p) => p.fps),
      unsolved: average((p) => p.unsolved),
    };
  });
  return { backend: segmenter.backendInfo, summary, scenes: results, dumps };
}

declare global {
  interface Window {
    runEval(params: EvalParams): ReturnType<typeof run>;
    runScenes(params: ScenesParams): ReturnType<typeof runScenes>;
  }
}
window.runEval = run;
window.runScenes = runScenes;
