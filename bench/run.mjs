// `npm run bench`: drives the built element in headless Chromium on 30 fps fake cameras
// (640x480 and 1280x720), in every mode, and prints the tables, all measured in one run:
//   1. per size and mode: frames delivered on the output track, main-thread and whole-browser
//      CPU per delivered frame, inference and render time, time to the first processed frame;
//   2. inference time per TFJS WASM configuration (threads+SIMD, SIMD, scalar);
//   3. the official @mediapipe/selfie_segmentation solution set up as in its demo, same camera;
//   4. what the element downloads, raw and gzip -9;
//   5. per engine (Chromium, Firefox, WebKit, WebKit with WebGL in workers; bench/engines.mjs),
//      the element on the same 640x480 30 fps source (a panned photo on a canvas) in colour and
//      blur mode, and the inference page with SIMD and without.
// Writes everything to bench/results/latest.json (the engine section under `engines`).
// Windows: VBG_BENCH_WARMUP_MS (3000) and VBG_BENCH_MEASURE_MS (8000); VBG_BENCH_RUNS (50) inferences.
// Engine section: VBG_BENCH_ENGINE_WARMUP_MS (5000, after `ready`), VBG_BENCH_ENGINE_MEASURE_MS
// (8000), VBG_BENCH_ENGINES=chromium,firefox,webkit,webkit-webgl-workers (the default: all).
// VBG_BENCH_QUICK=1 measures only the 640x480 element rows.
// VBG_BENCH_ENGINES_ONLY=1 runs only the engine section, and replaces only `engines` in latest.json.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { mediaDir, openPage, root } from './browser.mjs';
import { benchEngines, ENGINE_NAMES, formatEngines } from './engines.mjs';
import { benchCameras, readY4mHeader } from './media.mjs';
import { clockTicks, treeCpuMs } from './proc.mjs';
import { startStaticServer } from './static-server.mjs';
import { median, quantile, sleep, withTimeout } from './util.mjs';

const WARMUP_MS = Number(process.env.VBG_BENCH_WARMUP_MS ?? 3000);
const MEASURE_MS = Number(process.env.VBG_BENCH_MEASURE_MS ?? 8000);
const INFERENCE_RUNS = Number(process.env.VBG_BENCH_RUNS ?? 50);
/** VBG_BENCH_QUICK=1: the 640x480 element rows only, for trying a change. */
const QUICK = process.env.VBG_BENCH_QUICK === '1';
/** VBG_BENCH_ENGINES_ONLY=1: only the engine section (Chromium, Firefox, WebKit), to run it alone. */
const ENGINES_ONLY = process.env.VBG_BENCH_ENGINES_ONLY === '1';
const ENGINE_LIST = process.env.VBG_BENCH_ENGINES ? process.env.VBG_BENCH_ENGINES.split(',').filter(Boolean) : ENGINE_NAMES;
const ENGINE_WARMUP_MS = Number(process.env.VBG_BENCH_ENGINE_WARMUP_MS ?? 5000);
const ENGINE_MEASURE_MS = Number(process.env.VBG_BENCH_ENGINE_MEASURE_MS ?? 8000);
const START_TIMEOUT_MS = 120_000;
const BACKGROUND = '/assets/backgrounds/office.jpg';
const BACKGROUND_VIDEO = '/assets/backgrounds/drift.webm';

const CAMERA_ONLY = 'camera only';
const DEFAULT_MODES = {
  // Baseline, no element: what opening the fake camera and reading its frames costs.
  [CAMERA_ONLY]: null,
  none: {},
  colour: { 'background-color': '#00ff00' },
  // What edge refinement and temporal smoothing cost: the same, with both off.
  'colour, raw mask': { 'background-color': '#00ff00', 'edge-softness': '0', 'temporal-smoothing': 'off' },
  'blur medium': { blur: 'medium' },
  image: { 'background-image': BACKGROUND },
  // What light wrap (on by default, image mode only) costs: the same, with it off.
  'image, no light wrap': { 'background-image': BACKGROUND, 'light-wrap': '0' },
  // The bundled clip: its decode, its frames' way to the pipeline and one upload per clip frame.
  video: { 'background-video': BACKGROUND_VIDEO },
  // What light wrap costs with a video: its light is redrawn for every clip frame.
  'video, no light wrap': { 'background-video': BACKGROUND_VIDEO, 'light-wrap': '0' },
};
/** VBG_BENCH_MODES='{"name": {attributes}}' measures other rows instead (with QUICK, for experiments). */
const MODES = process.env.VBG_BENCH_MODES ? JSON.parse(process.env.VBG_BENCH_MODES) : DEFAULT_MODES;
const BACKENDS = [
  // The element takes the threaded build only from 4 cores (where XNNPACK gets 2 threads), so
  // this row tells the backend 4 cores to measure it on this machine.
  { name: 'threads + SIMD (told 4 cores)', simd: true, threads: true, cores: 4 },
  { name: 'as shipped here (SIMD, no threads below 4 cores)', simd: true, threads: true },
  { name: 'SIMD, no threads', simd: true, threads: false },
  { name: 'scalar (no SIMD, no threads)', simd: false, threads: false },
];
const MEDIAPIPE_MODES = ['blur', 'colour'];


/**
 * What a tab fetched, from the server's own log: the page's DevTools network events miss
 * the element's workers, which fetch the wasm, the model and their own scripts.
 */
function recordServed(session) {
  const from = session.served.length;
  return () => session.served.slice(from).map(({ url, status, bytes }) => ({ url: `${session.origin}${url}`, status, wireBytes: bytes }));
}

/** CPU of the whole browser (every Chromium process), the page's main thread, and the page's own counters. */
async function sample(pid, cdp, page) {
  const cpu = treeCpuMs(pid);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const counters = await page.evaluate(() => window.bench.snapshot());
  return { cpuMs: cpu.ms, cpuMsByType: cpu.byType, processes: cpu.processes, mainThreadMs: metric('TaskDuration') * 1000, ...counters };
}

/** Opens `path` in a new tab with CDP metrics and network recording on. */
async function openTab(session, path) {
  const page = await session.browser.newPage();
  page.on('pageerror', (error) => console.error(`  page error (${path}):`, error.message));
  const cdp = await page.createCDPSession();
  const requests = recordServed(session);
  await page.goto(`${session.origin}/${path}`);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.waitForFunction(() => window.bench || window.benchInference);
  return { page, cdp, requests };
}

/** Warm-up, then one measured window; the caller has started the pipeline. */
async function measureWindow(session, { page, cdp }) {
  const pid = session.browser.process().pid;
  await sleep(WARMUP_MS);
  const from = await sample(pid, cdp, page);
  await sleep(MEASURE_MS);
  const to = await sample(pid, cdp, page);
  const seconds = (to.at - from.at) / 1000;
  const frames = to.frames - from.frames;
  return {
    from,
    to,
    seconds,
    frames,
    fps: frames / seconds,
    mainThreadMsPerFrame: (to.mainThreadMs - from.mainThreadMs) / frames,
    mainThreadBusy: (to.mainThreadMs - from.mainThreadMs) / 1000 / seconds,
    cpuMsPerFrame: (to.cpuMs - from.cpuMs) / frames,
    cpuCores: (to.cpuMs - from.cpuMs) / 1000 / seconds,
    // Where that CPU went: renderer (the page), gpu-process (WebGL on SwiftShader here), browser, utility services.
    cpuMsPerFrameByType: Object.fromEntries(
      Object.entries(to.cpuMsByType).map(([type, ms]) => [type, (ms - (from.cpuMsByType[type] ?? 0)) / frames]),
    ),
    processes: to.processes,
  };
}

async function measureElement(session, size, mode, attributes) {
  const tab = await openTab(session, 'bench/bench.html');
  try {
    const [width, height] = size.split('x');
    const settings = { width, height, 'frame-rate': '30', ...attributes };
    const started = await withTimeout(
      attributes ? tab.page.evaluate((a) => window.bench.start(a), settings) : tab.page.evaluate((a) => window.bench.startCamera(a), settings),
      START_TIMEOUT_MS,
      'start() to ready',
    );
    const measured = await measureWindow(session, tab);
    const { stats, errors } = await tab.page.evaluate((f, t) => window.bench.stop(f, t), measured.from.at, measured.to.at);
    const last = stats.at(-1) ?? {};
    return {
      kind: 'element',
      size,
      mode,
      attributes,
      ...measured,
      firstFrameMs: started.firstFrameMs,
      crossOriginIsolated: started.crossOriginIsolated,
      statsFps: median(stats.map((s) => s.fps)),
      // `stats` only reports a median per second, so these are medians of those medians.
      inferenceMsP50: !attributes || mode === 'none' ? NaN : median(stats.map((s) => s.inferenceMs)),
      renderMsP50: median(stats.map((s) => s.renderMs)),
      outputSize: last.width ? `${last.width}x${last.height}` : (started.size ?? ''),
      backend: { backend: last.backend, simd: last.simd, threads: last.threads },
      tensors: last.tensors,
      stats,
      errors,
      requests: tab.requests(),
    };
  } finally {
    await tab.page.close();
  }
}

async function measureMediaPipe(session, size, mode) {
  const tab = await openTab(session, 'bench/mediapipe.html');
  try {
    const [width, height] = size.split('x').map(Number);
    const started = await withTimeout(
      tab.page.evaluate((o) => window.bench.start(o), { mode, width, height }),
      START_TIMEOUT_MS,
      'MediaPipe start to first result',
    );
    const measured = await measureWindow(session, tab);
    const { sendMs } = await tab.page.evaluate((f, t) => window.bench.stop(f, t), measured.from.sends, measured.to.sends);
    return {
      kind: 'mediapipe',
      size: started.size,
      mode,
      ...measured,
      firstFrameMs: started.firstFrameMs,
      sendMsP50: median(sendMs),
      sendMsP95: quantile(sendMs, 0.95),
      requests: tab.requests(),
    };
  } finally {
    await tab.page.close();
  }
}

async function measureBackend(session, config) {
  const tab = await openTab(session, 'bench/inference.html');
  try {
    const result = await withTimeout(
      tab.page.evaluate((c) => window.benchInference(c), {
        simd: config.simd,
        threads: config.threads,
        cores: config.cores,
        photo: '/media/photos/mpl_grace_hopper.png',
        warmup: 10,
        runs: INFERENCE_RUNS,
      }),
      START_TIMEOUT_MS + INFERENCE_RUNS * 2000,
      `inference (${config.name})`,
    );
    const wasm = tab.requests().filter((r) => r.url.endsWith('.wasm')).map((r) => r.url.split('/').pop());
    const { times, ...rest } = result;
    return {
      config: config.name,
      asked: { simd: config.simd, threads: config.threads, cores: config.cores },
      ...rest,
      wasmFetched: wasm,
      runs: times.length,
      p50: median(times),
      p95: quantile(times, 0.95),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      times,
    };
  } finally {
    await tab.page.close();
  }
}

/** What the element fetched (the bench page itself excluded), by kind, raw and gzip -9 as a CDN would send it. */
function downloadSize(requests) {
  const kinds = { js: /\.m?js$/, wasm: /\.wasm$/, model: /\/(selfie[^/]*)\.(json|bin)$/, 'background image': /\/backgrounds\// };
  const files = [];
  for (const request of requests) {
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (request.status !== 200 || path.startsWith('/bench/')) continue;
    const file = resolve(root, `.${path}`);
    const body = readFileSync(file);
    const kind = Object.entries(kinds).find(([, pattern]) => pattern.test(path))?.[0] ?? 'other';
    files.push({ path, kind, rawBytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length, wireBytes: request.wireBytes });
  }
  const total = (list) => ({
    files: list.length,
    rawBytes: list.reduce((s, f) => s + f.rawBytes, 0),
    gzipBytes: list.reduce((s, f) => s + f.gzipBytes, 0),
    wireBytes: list.reduce((s, f) => s + f.wireBytes, 0),
  });
  const byKind = {};
  for (const kind of new Set(files.map((f) => f.kind))) byKind[kind] = total(files.filter((f) => f.kind === kind));
  const element = files.filter((f) => f.kind !== 'background image');
  return { files, byKind, element: total(element) };
}

// ---------------------------------------------------------------------------------------

const began = Date.now();
console.log(ENGINES_ONLY ? 'preparing the inference page…' : 'preparing cameras and the inference page…');
const cameras = ENGINES_ONLY ? {} : await benchCameras();
const cameraInfo = {};
for (const [size, file] of Object.entries(cameras)) {
  const header = await readY4mHeader(file);
  cameraInfo[size] = { file, fps: header.fps, frames: Math.round((statSync(file).size - header.headerBytes) / (6 + header.width * header.height * 1.5)) };
}
await build({ configFile: resolve(root, 'bench/vite.inference.config.mjs') });

const rows = [];
const mediapipe = [];
const backends = [];
let chromium = '';
for (const [size, camera] of Object.entries(cameras)) {
  if (QUICK && size !== '640x480') continue;
  // no-store: every tab, and its workers, fetch everything, so rows are comparable and the download is complete.
  const session = await openPage(null, { camera, headers: { 'cache-control': 'no-store' } });
  try {
    chromium ||= await session.browser.version();
    for (const [mode, attributes] of Object.entries(MODES)) {
      process.stdout.write(`element ${size} ${mode}… `);
      try {
        const row = await measureElement(session, size, mode, attributes);
        rows.push(row);
        console.log(`${row.fps.toFixed(1)} fps`);
      } catch (error) {
        console.log(`failed: ${error.message}`);
        rows.push({ kind: 'element', size, mode, attributes, failed: error.message });
      }
    }
    if (size === '640x480' && !QUICK) {
      for (const mode of MEDIAPIPE_MODES) {
        process.stdout.write(`mediapipe ${size} ${mode}… `);
        try {
          const row = await measureMediaPipe(session, size, mode);
          mediapipe.push(row);
          console.log(`${row.fps.toFixed(1)} fps`);
        } catch (error) {
          console.log(`failed: ${error.message}`);
          mediapipe.push({ kind: 'mediapipe', size, mode, failed: error.message });
        }
      }
      for (const config of BACKENDS) {
        process.stdout.write(`inference ${config.name}… `);
        try {
          const result = await measureBackend(session, config);
          backends.push(result);
          console.log(`p50 ${result.p50.toFixed(1)} ms`);
        } catch (error) {
          console.log(`failed: ${error.message}`);
          backends.push({ config: config.name, failed: error.message });
        }
      }
    }
  } finally {
    await session.close();
  }
}

// The engine section: its own server, every engine launched and closed in turn.
let engines = null;
if (ENGINES_ONLY || !QUICK) {
  if (!existsSync(resolve(root, 'dist/virtual-bg-camera.js'))) throw new Error('Run `npm run build` first.');
  const server = await startStaticServer(root, { headers: { 'cache-control': 'no-store' }, mounts: { '/media/': mediaDir } });
  try {
    const at = new Date().toISOString();
    engines = {
      at,
      ...(await benchEngines({
        server,
        names: ENGINE_LIST,
        warmupMs: ENGINE_WARMUP_MS,
        measureMs: ENGINE_MEASURE_MS,
        inferenceRuns: INFERENCE_RUNS,
        log: (line) => console.log(line),
      })),
    };
  } finally {
    server.close();
  }
}

const downloadRow = rows.find((r) => r.size === '640x480' && r.mode === 'image' && r.requests) ?? rows.find((r) => r.requests);
const download = downloadRow ? downloadSize(downloadRow.requests) : null;
const ours640 = rows.filter((r) => r.size === '640x480' && r.mode !== CAMERA_ONLY && Number.isFinite(r.cpuMsPerFrame));
const costliest = ours640.reduce((a, b) => (b.cpuMsPerFrame > (a?.cpuMsPerFrame ?? -Infinity) ? b : a), null);
const mediapipeBlur = mediapipe.find((r) => r.mode === 'blur' && Number.isFinite(r.cpuMsPerFrame));
const comparison =
  costliest && mediapipeBlur
    ? {
        ours: { mode: costliest.mode, cpuMsPerFrame: costliest.cpuMsPerFrame },
        mediapipe: { mode: mediapipeBlur.mode, cpuMsPerFrame: mediapipeBlur.cpuMsPerFrame },
        ratio: mediapipeBlur.cpuMsPerFrame / costliest.cpuMsPerFrame,
      }
    : null;

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGb: totalmem() / 2 ** 30,
  loadAverage: loadavg(),
  chromium,
  node: process.version,
  clockTicks,
};

// ---------------------------------------------------------------------------------------

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(0)} KiB` : '–');
/** Browser CPU per frame split as renderer / GPU process / everything else. */
const split = (r) => {
  const by = r.cpuMsPerFrameByType ?? {};
  const renderer = by.renderer ?? 0;
  const gpu = by['gpu-process'] ?? 0;
  return `${fixed(renderer)} / ${fixed(gpu)} / ${fixed(r.cpuMsPerFrame - renderer - gpu)}`;
};
const table = (head, body) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const out = [];
out.push(`## virtual-bg-camera bench, ${new Date().toISOString()}`);
out.push('');
if (ENGINES_ONLY) {
  out.push(`${machine.cores} cores (${machine.cpu}), load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at the end. Engine section only (VBG_BENCH_ENGINES_ONLY=1).`);
  out.push('');
} else {
  out.push(
    `${machine.cores} cores (${machine.cpu}), load average ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')} at the end, ${chromium}. ` +
      `Cameras: ${Object.entries(cameraInfo).map(([size, c]) => `${size} ${c.fps} fps (${c.frames} frames, looped)`).join(', ')}. ` +
      `Each row: ${WARMUP_MS / 1000} s warm-up, then ${MEASURE_MS / 1000} s measured.`,
  );
  out.push('');
  out.push('### The element, per camera size and mode');
  out.push('');
  out.push(
    table(
      ['size', 'mode', 'output fps (track / stats)', 'main thread ms / frame', 'browser CPU ms / frame', 'of which renderer / GPU / rest', 'browser CPU (cores)', 'inference ms p50', 'render ms p50', 'start → first frame ms', 'backend'],
      rows.map((r) =>
        r.failed
          ? [r.size, r.mode, `failed: ${r.failed}`, '', '', '', '', '', '', '', '']
          : [
              r.size === r.outputSize || !r.outputSize ? r.size : `${r.size} (got ${r.outputSize})`,
              r.mode,
              `${fixed(r.fps)} / ${fixed(r.statsFps)}`,
              fixed(r.mainThreadMsPerFrame),
              fixed(r.cpuMsPerFrame),
              split(r),
              fixed(r.cpuCores, 2),
              fixed(r.inferenceMsP50),
              fixed(r.renderMsP50),
              fixed(r.firstFrameMs, 0),
              r.mode === CAMERA_ONLY ? '(no element)' : `${r.backend.backend || '–'}${r.backend.simd ? '+simd' : ''} ×${r.backend.threads ?? '?'}${r.crossOriginIsolated ? ' (isolated)' : ''}${r.errors.length ? ` errors: ${r.errors.map((e) => e.code).join(',')}` : ''}`,
            ],
      ),
    ),
  );
  out.push('');
  out.push(
    'output fps: frames read from the output track (camera only: from the camera track) / median of `stats` fps. main thread: CDP Performance TaskDuration of the page (main-thread CPU time, timeDomain threadTicks). browser CPU: utime+stime of every Chromium process (/proc), fake camera included; GPU = the gpu-process (WebGL runs on SwiftShader, i.e. CPU, here). inference/render: medians of the per-second medians in `stats`.',
  );
  out.push('');
  out.push(`### Inference per TFJS WASM configuration (${INFERENCE_RUNS} runs on a 256x256 frame of mpl_grace_hopper.png, after 10 warm-up runs)`);
  out.push('');
  out.push(
    table(
      ['configuration', 'backend got (BackendInfo)', 'XNNPACK threads / pthread workers running', 'wasm fetched', 'p50 ms', 'p95 ms', 'mean ms', 'load ms'],
      backends.map((b) =>
        b.failed
          ? [b.config, `failed: ${b.failed}`, '', '', '', '', '', '']
          : [
              b.config,
              `${b.tfBackend}${b.simd ? '+simd' : ''} ×${b.threads}${b.crossOriginIsolated ? ' (isolated)' : ''}`,
              `${b.xnnpackThreads ?? '?'} / ${b.pthreadWorkers ? b.pthreadWorkers.running : 'none (no pthreads build)'}`,
              b.wasmFetched.join(', '), fixed(b.p50), fixed(b.p95), fixed(b.mean), fixed(b.loadMs, 0)],
      ),
    ),
  );
  out.push('');
  out.push('### Official @mediapipe/selfie_segmentation (its demo set-up: video + requestVideoFrameCallback + send(), 2D canvas composite), same camera');
  out.push('');
  out.push(
    table(
      ['size', 'mode', 'output fps', 'main thread ms / frame', 'browser CPU ms / frame', 'of which renderer / GPU / rest', 'browser CPU (cores)', 'send() ms p50', 'send() ms p95', 'start → first frame ms'],
      mediapipe.map((r) =>
        r.failed
          ? [r.size, r.mode, `failed: ${r.failed}`, '', '', '', '', '', '', '']
          : [r.size, r.mode, fixed(r.fps), fixed(r.mainThreadMsPerFrame), fixed(r.cpuMsPerFrame), split(r), fixed(r.cpuCores, 2), fixed(r.sendMsP50), fixed(r.sendMsP95), fixed(r.firstFrameMs, 0)],
      ),
    ),
  );
  out.push('');
  out.push(
    comparison
      ? `**CPU per delivered frame, MediaPipe (${comparison.mediapipe.mode}) / ours (${comparison.ours.mode}, our costliest 640x480 mode): ${fixed(comparison.mediapipe.cpuMsPerFrame)} / ${fixed(comparison.ours.cpuMsPerFrame)} ms = ${fixed(comparison.ratio, 2)}x**`
      : '**MediaPipe / ours CPU ratio: not available (a run failed).**',
  );
  out.push('');
  if (download) {
    out.push(`### Download (what the element fetched in the ${downloadRow.size} ${downloadRow.mode} run; raw = bytes served, gzip = gzip -9 of the same files)`);
    out.push('');
    out.push(
      table(
        ['what', 'files', 'raw', 'gzip -9', 'served here (uncompressed server)'],
        [
          ...Object.entries(download.byKind).map(([kind, t]) => [kind, t.files, kb(t.rawBytes), kb(t.gzipBytes), kb(t.wireBytes)]),
          ['**element total** (JS + wasm + model)', download.element.files, `**${kb(download.element.rawBytes)}**`, `**${kb(download.element.gzipBytes)}**`, kb(download.element.wireBytes)],
        ],
      ),
    );
    out.push('');
  }
}
if (engines) {
  out.push(...formatEngines(engines));
  out.push('');
}
out.push(`bench took ${((Date.now() - began) / 1000).toFixed(0)} s`);
console.log(`\n${out.join('\n')}`);

mkdirSync(resolve(root, 'bench/results'), { recursive: true });
const latest = resolve(root, 'bench/results/latest.json');
if (ENGINES_ONLY) {
  // Only this section ran: the other keys stay as the last full run left them.
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(latest, 'utf8'));
  } catch {
    // none yet, or unreadable: start afresh
  }
  writeFileSync(latest, JSON.stringify({ ...previous, engines: { ...engines, machine } }, null, 2));
  console.log(`\nwrote the engines key of bench/results/latest.json${previous.at ? ` (the rest is from the run of ${previous.at})` : ''}`);
} else {
  writeFileSync(
    latest,
    JSON.stringify(
      { at: new Date().toISOString(), machine, windows: { warmupMs: WARMUP_MS, measureMs: MEASURE_MS }, cameras: cameraInfo, rows, backends, mediapipe, comparison, download, engines },
      null,
      2,
    ),
  );
  console.log('\nwrote bench/results/latest.json');
}
