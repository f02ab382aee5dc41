// `npm run bench:hidden`: does a call keep getting processed frames while the tab is hidden?
// In Chromium and Firefox (WebKitGTK here has no RTCPeerConnection), the element runs on the
// browser's fake camera with its track in a loopback call (bench/hidden-tab.html); another
// tab is then brought to the front. Per engine and mode it prints the frames per second the
// call's encoder took, visible and hidden, and how many of the far side's pictures sampled
// once a second while hidden differed from the one before (fresh frames, not a repeat); and how
// many times its background corner moved between samples (a video background still playing).
// Needs `npm run build` first (it serves dist/). Engines: VBG_BENCH_ENGINES (chromium,firefox).
import { resolve } from 'node:path';
import { ENGINES, launchEngine, missingFor } from '../test/support/engines.mjs';
import { startXvfb, stopAllServices } from '../test/support/services.mjs';
import { startStaticServer } from './static-server.mjs';
import { sleep } from './util.mjs';

const root = resolve(import.meta.dirname, '..');
const engineNames = (process.env.VBG_BENCH_ENGINES ?? 'chromium,firefox').split(',').filter(Boolean);
const MODES = { passthrough: {}, 'blur medium': { blur: 'medium' }, video: { 'background-video': '/assets/backgrounds/drift.webm' } };
/** Mean corner change (0..255, largest channel) between samples a second apart that counts as the background moving. */
const CORNER_MOVED = 2;
const VISIBLE_MS = 6000;
const HIDDEN_SAMPLES = 8;

const server = await startStaticServer(root, { isolated: false });
const display = (await startXvfb()).display;
const rows = [];
try {
  for (const name of engineNames) {
    const engine = { name, ...ENGINES[name] };
    if (!ENGINES[name] || engine.launcher === 'webkit') {
      rows.push({ engine: name, note: 'not measured: needs an engine with RTCPeerConnection driven by puppeteer (chromium, firefox)' });
      continue;
    }
    const { missing } = missingFor(engine);
    if (missing.length) {
      rows.push({ engine: name, note: `not measured: missing ${missing.join(', ')}` });
      continue;
    }
    for (const [mode, attributes] of Object.entries(MODES)) {
      const launched = await launchEngine(engine, { display });
      try {
        const page = await launched.puppeteer.newPage();
        await page.goto(`${server.origin}/bench/hidden-tab.html`);
        await page.waitForFunction(() => Boolean(window.benchHidden), { timeout: 60_000 });
        const call = (fn) => page.evaluate((f) => window.benchHidden[f](), fn);
        await page.evaluate((a) => window.benchHidden.start(a), { width: '640', height: '480', 'frame-rate': '30', ...attributes });
        await sleep(3000);
        const v0 = await call('snapshot');
        await sleep(VISIBLE_MS);
        const v1 = await call('snapshot');
        const other = await launched.puppeteer.newPage();
        await other.bringToFront();
        await sleep(2000);
        const h0 = await call('snapshot');
        let fresh = 0;
        let moved = 0;
        let previous = h0;
        for (let i = 0; i < HIDDEN_SAMPLES; i++) {
          await sleep(1000);
          const now = await call('snapshot');
          if (now.thumbnail !== previous.thumbnail) fresh++;
          if (Math.max(...now.corner.map((value, c) => Math.abs(value - previous.corner[c]))) > CORNER_MOVED) moved++;
          previous = now;
        }
        const rate = (a, b, key) => ((b[key] - a[key]) * 1000) / (b.at - a.at);
        rows.push({
          engine: engine.label,
          mode,
          version: launched.version,
          visibleFps: rate(v0, v1, 'encoded'),
          hiddenFps: rate(h0, previous, 'encoded'),
          hiddenState: previous.visibility,
          fresh: `${fresh}/${HIDDEN_SAMPLES}`,
          moved: `${moved}/${HIDDEN_SAMPLES}`,
          errors: previous.errors,
        });
        await call('stop');
      } catch (error) {
        rows.push({ engine: engine.label, mode, note: `failed: ${error.message}` });
      } finally {
        await launched.close();
      }
    }
  }
} finally {
  server.close();
  stopAllServices();
}

console.log('\nHidden tab: frames a loopback call\'s encoder takes from the element, visible then hidden');
console.log('engine     mode          visible fps  hidden fps  page state  fresh pictures hidden  background moved hidden  errors');
for (const row of rows) {
  if (row.note) console.log(`${row.engine.padEnd(10)} ${(row.mode ?? '').padEnd(13)} ${row.note}`);
  else {
    console.log(
      `${row.engine.padEnd(10)} ${row.mode.padEnd(13)} ${row.visibleFps.toFixed(1).padStart(11)}  ${row.hiddenFps.toFixed(1).padStart(10)}  ${row.hiddenState.padEnd(10)}  ${row.fresh.padStart(21)}  ${row.moved.padStart(23)}  ${row.errors.length ? row.errors.join('; ') : '-'}`,
    );
  }
}
