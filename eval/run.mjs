// `npm run eval`: scores the matte (raw model mask, + edge refinement, + temporal smoothing)
// with the real pipeline code in headless Chromium on the shared test media, and prints one
// table measured in one run. Writes eval/results/latest.json.
//
// Options: --frames N (video frames, default all), --edge-softness X (default: the element's),
// --tuning '{"radius":1}' (override MATTE_TUNING in src/render/matte.ts, for sweeps),
// --dump NAME (write that photo's mattes to eval/results/mattes/).
import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { chromePath, chromiumArgs, mediaDir, webcamClip } from '../test/support/chromium.mjs';
import { staticFolder } from './static-folder.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { frames: { type: 'string' }, 'edge-softness': { type: 'string' }, dump: { type: 'string', multiple: true }, tuning: { type: 'string' } } });
const TOLERANCE = 3;

if (!existsSync(webcamClip)) throw new Error(`Missing ${webcamClip} (set VBG_MEDIA to the shared media folder).`);
const photos = readdirSync(resolve(mediaDir, 'photos'))
  .filter((file) => file.endsWith('.mask.png'))
  .map((file) => file.slice(0, -'.mask.png'.length))
  .sort();

/** Serves the shared media under /__media__/, as the tests do. */
const mediaPlugin = {
  name: 'eval-media',
  configureServer(server) {
    server.middlewares.use(staticFolder('/__media__/', mediaDir));
  },
};

const server = await createServer({ root, plugins: [mediaPlugin], clearScreen: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 5390, hmr: false } });
await server.listen();
const origin = `http://127.0.0.1:${server.config.server.port}`;
const browser = await puppeteer.launch({ executablePath: chromePath, headless: true, protocolTimeout: 0, args: chromiumArgs() });
let result;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => message.type() === 'error' && console.error('page:', message.text()));
  await page.goto(`${origin}/eval/eval.html`);
  await page.waitForFunction(() => typeof window.runEval === 'function', { timeout: 120_000 });
  const params = {
    photos,
    tolerance: TOLERANCE,
    ...(values.frames ? { maxFrames: Number(values.frames) } : {}),
    ...(values['edge-softness'] ? { edgeSoftness: Number(values['edge-softness']) } : {}),
    dump: values.dump ?? [],
    tuning: values.tuning ? JSON.parse(values.tuning) : {},
  };
  result = await page.evaluate((p) => window.runEval(p), params);
} finally {
  await browser.close();
  await server.close();
}

const { summary, inferenceMs, frames, backend, dumps } = result;
delete result.dumps;
for (const [name, url] of Object.entries(dumps)) {
  mkdirSync(resolve(root, 'eval/results/mattes'), { recursive: true });
  writeFileSync(resolve(root, `eval/results/mattes/${name}.png`), Buffer.from(url.split(',')[1], 'base64'));
}
const raw = summary.raw;
const frameMs = inferenceMs + raw.renderMs;
const fixed = (value, digits = 3) => value.toFixed(digits);
console.log(`\nvirtual-bg-camera matte eval — ${photos.length} photos, ${frames} video frames, backend ${backend.backend}${backend.simd ? '+simd' : ''} ×${backend.threads}`);
console.log(`inference ${fixed(inferenceMs, 1)} ms/frame (median); frame time = inference + raw render = ${fixed(frameMs, 1)} ms\n`);
console.log('| config | photo IoU | photo boundary F | video IoU | flicker | lag | render ms | added ms (% of frame) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [name, row] of Object.entries(summary)) {
  const added = row.renderMs - raw.renderMs;
  console.log(
    `| ${name} | ${fixed(row.photoIoU)} | ${fixed(row.photoBoundaryF)} | ${fixed(row.videoIoU)} | ${fixed(row.flicker, 4)} | ${fixed(row.lag, 4)} | ${fixed(row.renderMs, 1)} | ${name === 'raw' ? '–' : `${fixed(added, 1)} (${fixed((100 * added) / frameMs, 0)}%)`} |`,
  );
}
const best = summary['refine+temporal'];
const checks = [
  ['flicker <= 40% of raw', best.flicker <= 0.4 * raw.flicker, `${fixed((100 * best.flicker) / raw.flicker, 0)}%`],
  ['video IoU >= raw', best.videoIoU >= raw.videoIoU, `${fixed(best.videoIoU - raw.videoIoU, 4)}`],
  ['photo IoU >= raw', summary.refine.photoIoU >= raw.photoIoU, `${fixed(summary.refine.photoIoU - raw.photoIoU, 4)}`],
  ['boundary F >= raw + 0.03', summary.refine.photoBoundaryF >= raw.photoBoundaryF + 0.03, `${fixed(summary.refine.photoBoundaryF - raw.photoBoundaryF, 4)}`],
  // A matte that trails the person matches the previous reference better and the next one
  // worse, so trailing pushes lag down: "no worse than raw" means not below raw.
  ['lag no worse than raw (not lower: lower = trailing)', best.lag >= raw.lag, `${fixed(best.lag, 4)} vs ${fixed(raw.lag, 4)}`],
  ['added cost <= 20% of frame time', best.renderMs - raw.renderMs <= 0.2 * frameMs, `${fixed(best.renderMs - raw.renderMs, 1)} ms`],
];
console.log('\n| target (refine+temporal, photos: refine, vs raw) | met | value |\n| --- | --- | --- |');
for (const [target, met, value] of checks) console.log(`| ${target} | ${met ? 'yes' : 'NO'} | ${value} |`);
console.log(`\nDefinitions: IoU at alpha > 0.5; boundary F = F-measure of boundary-pixel precision/recall within ${TOLERANCE} px (Chebyshev);`);
console.log('flicker = mean |alpha_t - alpha_t-1| (0..1) over pixels whose reference alpha changed by <= 2/255; lag = IoU(matte_t, ref_t+1) - IoU(matte_t, ref_t), lower = more trailing;');
console.log('render ms = median CPU+GPU time of one composite (blur medium) incl. the matte stage, synced by a 1-px read-back.');
mkdirSync(resolve(root, 'eval/results'), { recursive: true });
writeFileSync(resolve(root, 'eval/results/latest.json'), JSON.stringify({ at: new Date().toISOString(), tolerance: TOLERANCE, frameMs, checks, ...result }, null, 2));
console.log('\nwrote eval/results/latest.json');
