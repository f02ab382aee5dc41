// Renders the bundled looping video background, assets/backgrounds/drift.webm: a colour
// field drifting through a night palette with soft bokeh lights, drawn here frame by frame
// (no source images) and piped as raw RGB to ffmpeg (libvpx-vp9). Every motion term is
// periodic in FRAMES, so the clip loops with no jump. Only this script needs ffmpeg; the
// clip itself is committed. Usage: node scripts/render-background-clip.mjs [OUT.webm]
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 24;
const FRAMES = 192; // 8 s
const out = resolve(process.argv[2] ?? 'assets/backgrounds/drift.webm');

/** The palette the corners cycle through (sRGB 0..255): night blue, teal, violet, plum. */
const PALETTE = [
  [12, 28, 70],
  [14, 96, 110],
  [70, 40, 128],
  [112, 38, 92],
];

/** Bokeh lights: colour, radius (px), centre path (cx, cy + amplitudes, integer cycles per loop, phases), strength. */
const LIGHTS = [
  { rgb: [255, 196, 120], r: 70, x: [120, 60, 1, 0.0], y: [110, 40, 2, 0.5], a: 0.55 },
  { rgb: [120, 220, 255], r: 95, x: [480, 90, 1, 2.1], y: [240, 50, 1, 1.2], a: 0.45 },
  { rgb: [255, 140, 200], r: 55, x: [320, 200, 1, 4.0], y: [80, 30, 3, 0.2], a: 0.5 },
  { rgb: [200, 255, 180], r: 40, x: [560, 50, 2, 1.0], y: [90, 40, 1, 3.3], a: 0.5 },
  { rgb: [255, 230, 160], r: 120, x: [200, 80, 1, 3.0], y: [300, 40, 1, 0.8], a: 0.3 },
  { rgb: [160, 180, 255], r: 60, x: [60, 40, 2, 5.0], y: [300, 50, 1, 2.4], a: 0.45 },
  { rgb: [255, 170, 120], r: 35, x: [420, 140, 1, 0.7], y: [180, 90, 1, 5.5], a: 0.6 },
  { rgb: [180, 240, 255], r: 30, x: [260, 120, 2, 2.7], y: [200, 70, 1, 4.4], a: 0.6 },
];

const TAU = 2 * Math.PI;

/** The palette at `phase` (0..1, cyclic), smoothly interpolated. */
function paletteAt(phase) {
  const at = (((phase % 1) + 1) % 1) * PALETTE.length;
  const i = Math.floor(at);
  const f = (1 - Math.cos((at - i) * Math.PI)) / 2;
  const a = PALETTE[i];
  const b = PALETTE[(i + 1) % PALETTE.length];
  return [0, 1, 2].map((c) => a[c] + (b[c] - a[c]) * f);
}

/** A fixed per-pixel dither in -0.5..0.5, so the gradients do not band. */
function dither(x, y) {
  let h = (x * 374761393 + y * 668265263) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
  return ((h & 0xff) / 255 - 0.5) * 1.2;
}

function renderFrame(index, rgb) {
  const t = index / FRAMES;
  // Each corner's colour runs through the palette once per loop, a quarter turn apart.
  const corners = [0, 0.25, 0.75, 0.5].map((offset) => paletteAt(t + offset));
  const lights = LIGHTS.map(({ rgb: colour, r, x, y, a }) => ({
    colour,
    a,
    inv: 1 / (r * r),
    cx: x[0] + x[1] * Math.sin(TAU * x[2] * t + x[3]),
    cy: y[0] + y[1] * Math.sin(TAU * y[2] * t + y[3]),
  }));
  let o = 0;
  for (let py = 0; py < HEIGHT; py++) {
    const v = py / (HEIGHT - 1);
    for (let px = 0; px < WIDTH; px++) {
      const u = px / (WIDTH - 1);
      const pixel = [0, 0, 0];
      for (let c = 0; c < 3; c++) {
        const top = corners[0][c] + (corners[1][c] - corners[0][c]) * u;
        const bottom = corners[2][c] + (corners[3][c] - corners[2][c]) * u;
        pixel[c] = (top + (bottom - top) * v) / 255;
      }
      for (const light of lights) {
        const dx = px - light.cx;
        const dy = py - light.cy;
        const d2 = (dx * dx + dy * dy) * light.inv;
        if (d2 > 4) continue;
        // A soft disc: flat-ish core, gaussian rim, screen-blended.
        const w = light.a * Math.exp(-d2 * d2 * 0.9);
        for (let c = 0; c < 3; c++) pixel[c] = 1 - (1 - pixel[c]) * (1 - (w * light.colour[c]) / 255);
      }
      const d = dither(px, py);
      for (let c = 0; c < 3; c++) rgb[o++] = Math.max(0, Math.min(255, Math.round(pixel[c] * 255 + d)));
    }
  }
}

const ffmpeg = spawn(
  'ffmpeg',
  [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${WIDTH}x${HEIGHT}`, '-framerate', String(FPS), '-i', '-'],
    ...['-an', '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-crf', '32', '-b:v', '0', '-g', String(FRAMES / 2)],
    ...['-deadline', 'good', '-cpu-used', '1', '-row-mt', '1', '-threads', '2'],
    out,
  ],
  { stdio: ['pipe', 'inherit', 'inherit'] },
);
const done = new Promise((resolveDone, reject) => {
  ffmpeg.on('error', (error) => reject(new Error(`ffmpeg could not start (is it installed?): ${error.message}`)));
  ffmpeg.on('close', (code) => (code === 0 ? resolveDone() : reject(new Error(`ffmpeg exited with ${code}`))));
});
const frame = Buffer.alloc(WIDTH * HEIGHT * 3);
for (let i = 0; i < FRAMES; i++) {
  renderFrame(i, frame);
  if (!ffmpeg.stdin.write(frame)) await new Promise((r) => ffmpeg.stdin.once('drain', r));
}
ffmpeg.stdin.end();
await done;
console.log(`wrote ${out}: ${WIDTH}x${HEIGHT}, ${FPS} fps, ${FRAMES} frames`);
