// `npm run bench`: drives the built element in headless Chromium on the fake camera and
// prints one table, measured in one run. Writes bench/results/latest.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startStaticServer } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const media = resolve(process.env.VBG_MEDIA ?? resolve(root, '../shared/media'));
const clip = resolve(media, 'webcam_640x480.y4m');
const chrome = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(existsSync);
if (!existsSync(resolve(root, 'dist/virtual-bg-camera.js'))) throw new Error('Run `npm run build` first.');
if (!existsSync(clip)) throw new Error(`Missing ${clip} (set VBG_MEDIA).`);

const MODES = {
  none: {},
  colour: { 'background-color': '#00ff00' },
  'blur medium': { blur: 'medium' },
};

const server = await startStaticServer(root);
const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: [
    '--no-sandbox',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${clip}`,
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ],
});

const rows = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${server.origin}/bench/bench.html`);
  await page.waitForFunction(() => typeof window.measure === 'function');
  for (const [mode, attributes] of Object.entries(MODES)) {
    const result = await page.evaluate((a) => window.measure(a), attributes);
    rows.push({ mode, ...result });
  }
} finally {
  await browser.close();
  server.close();
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
console.log(`\nvirtual-bg-camera bench — fake camera: ${clip} (15 fps source)\n`);
console.log('| mode | size | output fps | inference ms p50 | render ms p50 | first frame ms | backend |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  const backend = `${row.backend ?? ''}${row.simd ? '+simd' : ''} ×${row.threads ?? '?'}${row.isolated ? ' (isolated)' : ''}`;
  console.log(
    `| ${row.mode} | ${row.size} | ${fixed(row.fps)} | ${fixed(row.inferenceMs)} | ${fixed(row.renderMs)} | ${fixed(row.firstFrameMs, 0)} | ${backend} |`,
  );
  if (row.errors.length) console.log(`  errors: ${JSON.stringify(row.errors)}`);
}
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/latest.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
console.log('\nwrote bench/results/latest.json');
