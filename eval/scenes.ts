/**
 * Hard scenes for `npm run eval` (the `scenes` part), synthesised from a shared photo and its
 * reference alpha: the same person in normal light, in a dim room, against a strong backlight,
 * over a cluttered background, and in a fast pan-and-zoom clip. Every scene is deterministic
 * (seeded), and the still ones get sensor noise that changes every frame, so the output can
 * be matched to the input frame it was made from, and methods that use consecutive frames
 * are rewarded only for what they really average out.
 */

export const WIDTH = 640;
export const HEIGHT = 480;

export type SceneKind = 'normal' | 'dim' | 'backlight' | 'clutter' | 'motion';

export interface SceneSpec {
  readonly kind: SceneKind;
  /** Frames per second the source is played at. */
  readonly fps: number;
  /** Whether the scene is still (flicker is measured on still scenes only). */
  readonly still: boolean;
}

export const SCENES: Record<SceneKind, SceneSpec> = {
  normal: { kind: 'normal', fps: 15, still: true },
  dim: { kind: 'dim', fps: 15, still: true },
  backlight: { kind: 'backlight', fps: 15, still: true },
  clutter: { kind: 'clutter', fps: 15, still: true },
  motion: { kind: 'motion', fps: 30, still: false },
};

/** One frame of a scene: the picture, and the reference alpha (0..255, one byte a pixel). */
export interface SceneFrame {
  readonly image: ImageData;
  readonly reference: Uint8Array;
}

/** Sensor noise, in 8-bit sRGB levels: a luma part shared by the channels, and a chroma part per channel. */
interface Noise {
  readonly luma: number;
  readonly chroma: number;
}

const NOISE: Record<SceneKind, Noise> = {
  normal: { luma: 1.5, chroma: 1 },
  // A fifth of the photons and the gain turned up: strong grain, blotchy in colour.
  dim: { luma: 14, chroma: 8 },
  backlight: { luma: 1.5, chroma: 1 },
  clutter: { luma: 1.5, chroma: 1 },
  motion: { luma: 1.5, chroma: 1 },
};

/** Share of the light left in the dim room (linear light). */
const DIM_LIGHT = 0.2;

/** mulberry32: a small seeded PRNG, uniform 0..1. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable seed from a string (FNV-1a). */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const TO_LINEAR = Float32Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const SRGB_STEPS = 4096;
const TO_SRGB = Float32Array.from({ length: SRGB_STEPS + 1 }, (_, i) => {
  const l = i / SRGB_STEPS;
  return 255 * (l <= 0.0031308 ? 12.92 * l : 1.055 * l ** (1 / 2.4) - 0.055);
});
const toSrgb = (linear: number) => TO_SRGB[Math.round(Math.min(Math.max(linear, 0), 1) * SRGB_STEPS)]!;

/** 64 Ki standard normal samples, indexed by a per-frame PRNG: fast, deterministic noise. */
const NORMALS = (() => {
  const next = random(12345);
  const out = new Float32Array(1 << 16);
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    out[i] = r * Math.cos(theta);
    out[i + 1] = r * Math.sin(theta);
  }
  return out;
})();

/** Adds noise in place (sRGB levels), seeded by `seed`: a different field for every frame. */
function addNoise(image: ImageData, noise: Noise, seed: number): void {
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return NORMALS[(state >>> 0) & 0xffff]!;
  };
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    const luma = noise.luma * next();
    data[i] = data[i]! + luma + noise.chroma * next();
    data[i + 1] = data[i + 1]! + luma + noise.chroma * next();
    data[i + 2] = data[i + 2]! + luma + noise.chroma * next();
  }
}

/**
 * Where a photo lands in the 640x480 frame: scaled to cover it, centred across, and placed
 * a fifth of the way down the overflow (people's heads are near the top of a photo).
 */
function coverWindow(width: number, height: number, zoom = 1, dx = 0, dy = 0): [number, number, number, number] {
  const scale = Math.max(WIDTH / width, HEIGHT / height) * zoom;
  const sw = WIDTH / scale;
  const sh = HEIGHT / scale;
  const x = Math.min(Math.max((width - sw) / 2 + dx * width, 0), width - sw);
  const y = Math.min(Math.max((height - sh) * 0.2 + dy * height, 0), height - sh);
  return [x, y, sw, sh];
}

function draw(source: CanvasImageSource, window: [number, number, number, number], filter = 'none'): ImageData {
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.imageSmoothingQuality = 'high';
  context.filter = filter;
  context.drawImage(source, ...window, 0, 0, WIDTH, HEIGHT);
  return context.getImageData(0, 0, WIDTH, HEIGHT);
}

const red = (image: ImageData) => {
  const out = new Uint8Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) out[i] = image.data[i * 4]!;
  return out;
};

/** Minimum over a (2r+1)² square: erosion of an alpha. */
function erode(alpha: Uint8Array, radius: number): Uint8Array {
  const pass = (input: Uint8Array, dx: number, dy: number) => {
    const out = new Uint8Array(input.length);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        let low = 255;
        for (let d = -radius; d <= radius; d++) {
          const px = Math.min(Math.max(x + d * dx, 0), WIDTH - 1);
          const py = Math.min(Math.max(y + d * dy, 0), HEIGHT - 1);
          low = Math.min(low, input[py * WIDTH + px]!);
        }
        out[y * WIDTH + x] = low;
      }
    }
    return out;
  };
  return pass(pass(alpha, 1, 0), 0, 1);
}

/** An alpha as a grey image, blurred by the canvas (Gaussian, `sigma` px). */
function blurAlpha(alpha: Uint8Array, sigma: number): Uint8Array {
  const image = new ImageData(WIDTH, HEIGHT);
  for (let i = 0; i < alpha.length; i++) image.data.set([alpha[i]!, alpha[i]!, alpha[i]!, 255], i * 4);
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return red(draw(canvas, [0, 0, WIDTH, HEIGHT], `blur(${sigma}px)`));
}

/**
 * A busy synthetic room: many small, high-contrast shapes (rectangles, discs, strokes) in
 * saturated colours, black and white, seeded. No colour is near the eval's key green, so
 * the alpha can be solved from the colour-mode output everywhere.
 */
function clutter(seed: number): ImageData {
  const next = random(seed);
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = '#777';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  const colour = () => {
    const pick = next();
    if (pick < 0.15) return '#000';
    if (pick < 0.3) return '#fff';
    // Hues away from green (the key colour): 0..70 and 170..360 degrees.
    const hue = next() < 0.3 ? next() * 70 : 170 + next() * 190;
    return `hsl(${hue.toFixed(0)} ${(60 + next() * 40).toFixed(0)}% ${(25 + next() * 50).toFixed(0)}%)`;
  };
  for (let i = 0; i < 900; i++) {
    const x = next() * WIDTH;
    const y = next() * HEIGHT;
    const size = 3 + next() * 33;
    const shape = next();
    context.fillStyle = colour();
    context.strokeStyle = colour();
    if (shape < 0.45) {
      context.fillRect(x, y, size, size * (0.3 + next() * 1.4));
    } else if (shape < 0.75) {
      context.beginPath();
      context.arc(x, y, size / 2, 0, 2 * Math.PI);
      context.fill();
    } else {
      context.lineWidth = 1 + next() * 3;
      context.beginPath();
      context.moveTo(x, y);
      context.lineTo(x + (next() - 0.5) * 3 * size, y + (next() - 0.5) * 3 * size);
      context.stroke();
    }
  }
  return context.getImageData(0, 0, WIDTH, HEIGHT);
}

/** The still picture of a scene, before noise: `base` is the photo in the frame, `alpha` its reference. */
function stillPicture(kind: SceneKind, base: ImageData, alpha: Uint8Array, seed: number): ImageData {
  const out = new ImageData(new Uint8ClampedArray(base.data), WIDTH, HEIGHT);
  const data = out.data;
  if (kind === 'dim') {
    for (let i = 0; i < data.length; i++) if ((i & 3) !== 3) data[i] = toSrgb(TO_LINEAR[data[i]!]! * DIM_LIGHT);
  } else if (kind === 'backlight') {
    // The window behind: pushed towards clipped white. The person: underexposed, lifted by a
    // little veiling flare. The background's light blooms over the person's edge: the two are
    // blended with a slightly eroded, blurred reference alpha.
    const bloom = blurAlpha(erode(alpha, 2), 4);
    for (let p = 0; p < alpha.length; p++) {
      const a = bloom[p]! / 255;
      for (let c = 0; c < 3; c++) {
        const linear = TO_LINEAR[data[p * 4 + c]!]!;
        const background = Math.min(1, linear * 3 + 0.55);
        const person = linear * 0.3 + 0.03;
        data[p * 4 + c] = toSrgb(person * a + background * (1 - a));
      }
    }
  } else if (kind === 'clutter') {
    const room = clutter(seed).data;
    for (let p = 0; p < alpha.length; p++) {
      const a = alpha[p]! / 255;
      for (let c = 0; c < 3; c++) data[p * 4 + c] = data[p * 4 + c]! * a + room[p * 4 + c]! * (1 - a);
    }
  }
  return out;
}

/**
 * The pan-and-zoom path at time `t` (s): zoom 1..1.5 and back every 2 s, a sideways pan over
 * ±12% of the photo every 1.5 s and a smaller vertical one: fast, but no faster than a
 * person leaning in and across a call.
 */
function motionWindow(width: number, height: number, t: number): [number, number, number, number] {
  const zoom = 1.25 - 0.25 * Math.cos(Math.PI * t);
  return coverWindow(width, height, zoom, 0.12 * Math.sin((2 * Math.PI * t) / 1.5), 0.05 * Math.sin((2 * Math.PI * t) / 2.2));
}

/**
 * The frames of `kind` made from `photo` and its reference `mask`, `count` of them (frame
 * `i` shown at i / fps s). Frames are distinct (noise, or motion), so each can be recognised
 * in the output.
 */
export function sceneFrames(kind: SceneKind, name: string, photo: ImageBitmap, mask: ImageBitmap, count: number): SceneFrame[] {
  const seed = seedOf(`${kind}:${name}`);
  const noise = NOISE[kind];
  const frames: SceneFrame[] = [];
  if (kind === 'motion') {
    for (let i = 0; i < count; i++) {
      const window = motionWindow(photo.width, photo.height, i / SCENES.motion.fps);
      const image = draw(photo, window);
      addNoise(image, noise, seed + i);
      frames.push({ image, reference: red(draw(mask, window)) });
    }
    return frames;
  }
  const window = coverWindow(photo.width, photo.height);
  const reference = red(draw(mask, window));
  const still = stillPicture(kind, draw(photo, window), reference, seed);
  for (let i = 0; i < count; i++) {
    const image = new ImageData(new Uint8ClampedArray(still.data), WIDTH, HEIGHT);
    addNoise(image, noise, seed + i);
    frames.push({ image, reference });
  }
  return frames;
}

/** The colour the element composites over in the scenes eval: no scene has anything near it. */
export const KEY: readonly [number, number, number] = [0, 255, 0];
/** Below this distance from the key (RGB levels) an input pixel's alpha cannot be solved. */
const UNSOLVABLE = 48;

/**
 * The person alpha (0..255) the element used for one output pixel in colour mode, solved by
 * least squares from output = alpha·input + (1 − alpha)·key. Pixels whose input is too close
 * to the key to tell count as background; `unsolved` says how many there were.
 */
export function solveAlpha(output: ImageData, input: ImageData): { alpha: Uint8Array; unsolved: number } {
  const alpha = new Uint8Array(output.width * output.height);
  const o = output.data;
  const s = input.data;
  let unsolved = 0;
  for (let p = 0, i = 0; p < alpha.length; p++, i += 4) {
    const er = s[i]! - KEY[0];
    const eg = s[i + 1]! - KEY[1];
    const eb = s[i + 2]! - KEY[2];
    const norm = er * er + eg * eg + eb * eb;
    if (norm < UNSOLVABLE * UNSOLVABLE) {
      unsolved++;
      continue;
    }
    const a = ((o[i]! - KEY[0]) * er + (o[i + 1]! - KEY[1]) * eg + (o[i + 2]! - KEY[2]) * eb) / norm;
    alpha[p] = Math.round(255 * Math.min(Math.max(a, 0), 1));
  }
  return { alpha, unsolved };
}

/**
 * How badly `input` explains `output` as a colour-mode composite: the least-squares residual
 * of the alpha solve over every `step`th pixel. The input frame an output was made from
 * explains it best (noise and motion make every input frame different).
 */
export function compositeResidual(output: ImageData, input: ImageData, step = 13): number {
  const o = output.data;
  const s = input.data;
  let sum = 0;
  for (let i = 0; i < o.length; i += 4 * step) {
    const er = s[i]! - KEY[0];
    const eg = s[i + 1]! - KEY[1];
    const eb = s[i + 2]! - KEY[2];
    const dr = o[i]! - KEY[0];
    const dg = o[i + 1]! - KEY[1];
    const db = o[i + 2]! - KEY[2];
    const norm = er * er + eg * eg + eb * eb;
    const a = norm ? Math.min(Math.max((dr * er + dg * eg + db * eb) / norm, 0), 1) : 0;
    sum += (dr - a * er) ** 2 + (dg - a * eg) ** 2 + (db - a * eb) ** 2;
  }
  return sum;
}
