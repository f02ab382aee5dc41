// `npm run bench:twilio`: the Twilio adapter's cost on the main thread, in headless Chromium on
// a 30 fps 640x480 fake camera (the webcam clip), through the real twilio-video with the
// built dist/twilio.js (`inputFrameBufferType: 'videoframe'`, `bitmaprenderer` output).
// Two rows, each its own tab: a no-op processor (Twilio's own per-frame cost) and the adapter
// (colour mode). Per row: processFrame calls per second and each call's time on the main
// thread; the page's whole main-thread CPU per frame (CDP TaskDuration, threadTicks), and the
// adapter's share (minus the no-op row); the latency from an input frame's processFrame call to
// the call that first shows its processed picture. Windows: VBG_BENCH_WARMUP_MS (3000, after
// `ready`), VBG_BENCH_MEASURE_MS (10000).
import { resolve } from 'node:path';
import { build } from 'vite';
import { openPage, root } from './browser.mjs';
import { webcamAt } from './media.mjs';
import { median, quantile, sleep } from './util.mjs';

const WARMUP_MS = Number(process.env.VBG_BENCH_WARMUP_MS ?? 3000);
const MEASURE_MS = Number(process.env.VBG_BENCH_MEASURE_MS ?? 10000);

await build({ configFile: resolve(root, 'bench/vite.twilio.config.mjs') });
const session = await openPage(null, { camera: await webcamAt(30) });

async function row(mode) {
  const page = await session.browser.newPage();
  page.on('pageerror', (error) => console.error(`  page error (${mode}):`, error.message));
  const cdp = await page.createCDPSession();
  await page.goto(`${session.origin}/bench/.cache/twilio/twilio.html`);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.waitForFunction(() => window.twilioBench, { timeout: 60_000 });
  await page.evaluate((m) => window.twilioBench.start(m), mode);
  await sleep(WARMUP_MS);
  const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const before = await taskMs();
  const sample = await page.evaluate((ms) => window.twilioBench.measure(ms), MEASURE_MS);
  const mainThreadMs = (await taskMs()) - before;
  await page.evaluate(() => window.twilioBench.stop());
  await page.close();
  return { mode, ...sample, mainThreadMsPerFrame: mainThreadMs / sample.calls };
}

try {
  const rows = [];
  for (const mode of ['no-op', 'adapter']) rows.push(await row(mode));
  const base = rows[0].mainThreadMsPerFrame;
  const f = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  console.log('\nTwilio adapter, main thread (Chromium, 640x480 30 fps fake camera, colour mode)\n');
  console.log('processor   calls/s  processFrame ms (median / p95)  main thread ms/frame  adapter ms/frame  shown/s  latency ms (median / p95)');
  for (const r of rows) {
    console.log(
      [
        r.mode.padEnd(10),
        f((r.calls * 1000) / MEASURE_MS, 1).padStart(7),
        `${f(median(r.callMs), 3)} / ${f(quantile(r.callMs, 0.95), 3)}`.padStart(31),
        f(r.mainThreadMsPerFrame).padStart(20),
        (r.mode === 'no-op' ? '—' : f(r.mainThreadMsPerFrame - base)).padStart(16),
        f(r.shownPerSecond, 1).padStart(7),
        (r.latencyMs.length ? `${f(median(r.latencyMs), 1)} / ${f(quantile(r.latencyMs, 0.95), 1)}` : '—').padStart(26),
      ].join('  '),
    );
  }
  console.log(
    '\nprocessFrame ms: each call, timed around it on the page. main thread ms/frame: the page\'s main-thread CPU (CDP TaskDuration)\n' +
      'over the window / processFrame calls; adapter ms/frame: that minus the no-op row (Twilio\'s own frame loop). latency: from the\n' +
      'call that passed an input frame to the call that first put its processed picture on the output canvas.',
  );
} finally {
  await session.close();
}
