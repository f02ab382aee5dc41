// Camera clips for the bench, made from the shared media and cached in bench/.cache/
// (gitignored). No ffmpeg or ImageMagick: the 30 fps webcam clip is the shared y4m with its
// frame-rate tag rewritten, and the 720p clip is drawn by Chromium from a shared photo and
// converted to I420 here.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromePath, mediaDir, webcamClip } from '../test/support/chromium.mjs';

export const cacheDir = resolve(import.meta.dirname, '.cache');

/** Reads a y4m stream header (the first line): `{ width, height, fps, tags, headerBytes }`. */
export async function readY4mHeader(file) {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (end < 0) throw new Error(`${file}: no y4m header line`);
    const line = buffer.subarray(0, end).toString('latin1');
    const tags = line.split(' ');
    if (tags[0] !== 'YUV4MPEG2') throw new Error(`${file}: not a y4m file`);
    const tag = (letter) => tags.find((t) => t.startsWith(letter))?.slice(1);
    const [num, den] = (tag('F') ?? '').split(':').map(Number);
    return { width: Number(tag('W')), height: Number(tag('H')), fps: num / den, tags, headerBytes: end + 1 };
  } finally {
    await handle.close();
  }
}

/** True when `file` exists and is newer than every one of `sources`. */
function fresh(file, sources) {
  if (!existsSync(file)) return false;
  const made = statSync(file).mtimeMs;
  return sources.every((source) => statSync(source).mtimeMs <= made);
}

/** The shared webcam clip, retagged to play at `fps` (every frame kept, so it plays faster). */
export async function webcamAt(fps = 30) {
  const out = resolve(cacheDir, `webcam_640x480_${fps}fps.y4m`);
  if (fresh(out, [webcamClip, import.meta.filename])) return out;
  mkdirSync(cacheDir, { recursive: true });
  const header = await readY4mHeader(webcamClip);
  const tags = header.tags.map((t) => (t.startsWith('F') ? `F${fps}:1` : t));
  const partial = `${out}.partial`;
  await new Promise((resolvePromise, reject) => {
    const writer = createWriteStream(partial);
    writer.on('error', reject);
    writer.write(`${tags.join(' ')}\n`);
    createReadStream(webcamClip, { start: header.headerBytes })
      .on('error', reject)
      .pipe(writer)
      .on('finish', resolvePromise);
  });
  renameSync(partial, out);
  return out;
}

/** BT.601 limited-range RGBA → I420 (Y, then U and V averaged over 2x2 blocks). */
export function rgbaToI420(rgba, width, height) {
  const out = Buffer.alloc((width * height * 3) / 2);
  const chromaWidth = width / 2;
  const uOffset = width * height;
  const vOffset = uOffset + (width * height) / 4;
  for (let i = 0, p = 0; i < width * height; i++, p += 4) {
    out[i] = Math.round(16 + 0.256788 * rgba[p] + 0.504129 * rgba[p + 1] + 0.097906 * rgba[p + 2]);
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const p = ((y + dy) * width + x + dx) * 4;
        r += rgba[p];
        g += rgba[p + 1];
        b += rgba[p + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * chromaWidth + x / 2;
      out[uOffset + c] = Math.round(128 - 0.148223 * r - 0.290993 * g + 0.439216 * b);
      out[vOffset + c] = Math.round(128 + 0.439216 * r - 0.367788 * g - 0.071427 * b);
    }
  }
  return out;
}

/**
 * A `width`x`height` clip at `fps` from a shared photo: a 16:9 window over the photo's top
 * (head and shoulders) that slowly zooms in and pans sideways and back, so the loop is
 * seamless when Chromium's fake camera repeats it. Drawn in Chromium (canvas drawImage,
 * bilinear upscaling), converted to I420 here, written as a y4m.
 */
export async function photoClip({ photo = 'skimage_astronaut.png', width = 1280, height = 720, fps = 30, frames = 90 } = {}) {
  const source = resolve(mediaDir, 'photos', photo);
  const out = resolve(cacheDir, `${basename(photo, '.png')}_${width}x${height}_${fps}fps.y4m`);
  if (fresh(out, [source, import.meta.filename])) return out;
  mkdirSync(cacheDir, { recursive: true });
  const browser = await puppeteer.launch({ executablePath: chromePath, headless: true, args: ['--no-sandbox'] });
  const partial = `${out}.partial`;
  const writer = createWriteStream(partial);
  try {
    const page = await browser.newPage();
    await page.setContent('<canvas></canvas>');
    const dataUrl = `data:image/png;base64,${readFileSync(source).toString('base64')}`;
    await page.evaluate(
      async (url, w, h) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.querySelector('canvas');
        canvas.width = w;
        canvas.height = h;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        context.imageSmoothingQuality = 'high';
        /** Draws frame `t` (0..1 over the loop) and returns its RGBA as base64. */
        window.drawFrame = (t) => {
          const phase = (1 - Math.cos(2 * Math.PI * t)) / 2; // 0 → 1 → 0
          const cropWidth = image.width / (1 + 0.2 * phase); // zoom in up to 1.2x
          const cropHeight = (cropWidth * h) / w;
          const centreX = image.width / 2 + 0.05 * image.width * Math.sin(2 * Math.PI * t); // pan ±5%
          const x = Math.min(Math.max(centreX - cropWidth / 2, 0), image.width - cropWidth);
          const y = Math.min(0.03 * image.height * phase, image.height - cropHeight);
          context.drawImage(image, x, y, cropWidth, cropHeight, 0, 0, w, h);
          const bytes = context.getImageData(0, 0, w, h).data;
          let text = '';
          for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          return btoa(text);
        };
      },
      dataUrl,
      width,
      height,
    );
    writer.write(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg XYSCSS=420JPEG XCOLORRANGE=LIMITED\n`);
    for (let i = 0; i < frames; i++) {
      const rgba = Buffer.from(await page.evaluate((t) => window.drawFrame(t), i / frames), 'base64');
      writer.write('FRAME\n');
      if (!writer.write(rgbaToI420(rgba, width, height))) await new Promise((r) => writer.once('drain', r));
    }
  } finally {
    await browser.close();
    await new Promise((r) => writer.end(r));
  }
  renameSync(partial, out);
  return out;
}

/** Both bench cameras, made if missing: `{ '640x480': file, '1280x720': file }`. */
export async function benchCameras() {
  return { '640x480': await webcamAt(30), '1280x720': await photoClip() };
}

if (process.argv[1] === import.meta.filename) {
  const cameras = await benchCameras();
  for (const file of Object.values(cameras)) console.log(file, await readY4mHeader(file));
}
