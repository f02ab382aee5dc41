// The bench's engine section: the element in Chromium, Firefox, WebKit and WebKit with WebGL
// in workers, each launched as the test suite launches it (test/support/engines.mjs), on the
// same source in every engine (bench/engines.html: a photo of a person panned at 30 fps on a
// canvas, passed as the element's `source`), in a few modes (colour, blur, a video background).
// Per engine and mode: output frames presented by a <video> playing the output track,
// whole-browser CPU per frame, the element's inference and render medians and the paths it
// took; per engine, the bench's inference page (bench/inference.html) with SIMD and without,
// to tell whether SIMD is on.
import { ENGINES, launchEngine, missingFor } from '../test/support/engines.mjs';
import { startXvfb } from '../test/support/services.mjs';
import { chromiumProcessType, processName, treeCpuMs } from './proc.mjs';
import { median, quantile, sleep, withTimeout } from './util.mjs';

export const ENGINE_NAMES = ['chromium', 'firefox', 'webkit', 'webkit-webgl-workers'];
export const ENGINE_MODES = {
  colour: { 'background-color': '#00ff00' },
  'blur medium': { blur: 'medium' },
  // The bundled clip: its frames take the engine's own path to the pipeline (a stream in Chromium, posted elsewhere).
  video: { 'background-video': '/assets/backgrounds/drift.webm' },
};
/** The source: what the element sees in every engine. */
export const ENGINE_SOURCE = { photo: '/media/photos/skimage_astronaut.png', width: 640, height: 480, fps: 30 };
/** Inference page runs per engine: as the element gets it (SIMD when the engine has it), and SIMD forced off. */
const INFERENCE_CONFIGS = [
  { name: 'as shipped', simd: true, threads: true },
  { name: 'scalar (SIMD off)', simd: false, threads: false },
];
const START_TIMEOUT_MS = 180_000;

const most = (values) => {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/**
 * One API over both ways of driving a browser: `open(path, global)` loads a page of the
 * bench server and waits for `window[global]`; the tab's `call('a.b', arg)` runs
 * `window.a.b(arg)` in the page and resolves to what its promise resolves to.
 */
function pagesOf(launched, origin) {
  if (launched.puppeteer) {
    return {
      async open(path, global) {
        const page = await launched.puppeteer.newPage();
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${origin}/${path}`);
        await page.waitForFunction((name) => Boolean(window[name]), { timeout: 60_000 }, global);
        return {
          call: (fn, arg) => page.evaluate((f, a) => f.split('.').reduce((o, k) => o[k], window)(a), fn, arg),
          pageErrors,
          close: () => page.close(),
        };
      },
    };
  }
  const browser = launched.webdriver;
  const script = `const [fn, arg, done] = arguments;
    Promise.resolve()
      .then(() => fn.split('.').reduce((o, k) => o[k], window)(arg))
      .then((value) => done({ value }), (error) => done({ error: String((error && error.message) || error) }));`;
  let timeoutsSet = false;
  return {
    async open(path, global) {
      if (!timeoutsSet) {
        await browser.setTimeout({ script: START_TIMEOUT_MS + 60_000, pageLoad: 60_000 });
        timeoutsSet = true;
      }
      await browser.url(`${origin}/${path}`);
      const deadline = Date.now() + 60_000;
      while (!(await browser.executeScript(`return Boolean(window[arguments[0]])`, [global]))) {
        if (Date.now() > deadline) throw new Error(`${path}: window.${global} never appeared`);
        await sleep(200);
      }
      return {
        async call(fn, arg) {
          const result = await browser.executeAsyncScript(script, [fn, arg]);
          if (result?.error !== undefined) throw new Error(result.error);
          return result?.value;
        },
        pageErrors: [],
        close: () => browser.url('about:blank'),
      };
    },
  };
}

/** A reading of the browser's CPU (and the X server's, for headed engines) with the page's counters. */
async function sample(launched, xvfb, typeOf, tab) {
  const cpu = treeCpuMs(launched.pid, typeOf);
  const x = xvfb ? treeCpuMs(xvfb.child.pid, processName).ms : NaN;
  const counters = await tab.call('benchEngines.snapshot');
  return { cpuMs: cpu.ms, cpuMsByType: cpu.byType, processes: cpu.processes, xServerMs: x, ...counters };
}

async function measureMode(engine, launched, pages, xvfb, mode, attributes, windows) {
  const typeOf = engine.launcher === 'chromium' ? chromiumProcessType : processName;
  const tab = await pages.open('bench/engines.html', 'benchEngines');
  try {
    const started = await withTimeout(
      tab.call('benchEngines.start', { attributes: { width: '640', height: '480', 'frame-rate': '30', ...attributes }, ...ENGINE_SOURCE }),
      START_TIMEOUT_MS,
      'start() to ready',
    );
    await sleep(windows.warmupMs);
    const from = await sample(launched, xvfb, typeOf, tab);
    await sleep(windows.measureMs);
    const to = await sample(launched, xvfb, typeOf, tab);
    const { stats, errors } = await tab.call('benchEngines.stop', { from: from.at, to: to.at });
    const seconds = (to.at - from.at) / 1000;
    // presentedFrames where the engine reports it, else one per requestVideoFrameCallback call.
    const presented = Number.isFinite(from.presented) && Number.isFinite(to.presented) ? to.presented - from.presented : NaN;
    const callbacks = to.callbacks - from.callbacks;
    const frames = Number.isFinite(presented) && presented > 0 ? presented : callbacks;
    const last = stats.at(-1) ?? {};
    return {
      engine: engine.name,
      label: engine.label,
      mode,
      attributes,
      seconds,
      frames,
      framesCountedBy: frames === presented ? 'presentedFrames' : 'requestVideoFrameCallback calls',
      presentedFrames: presented,
      frameCallbacks: callbacks,
      fps: frames / seconds,
      sourceFps: (to.drawn - from.drawn) / seconds,
      cpuMsPerFrame: (to.cpuMs - from.cpuMs) / frames,
      cpuCores: (to.cpuMs - from.cpuMs) / 1000 / seconds,
      cpuMsPerFrameByType: Object.fromEntries(
        Object.entries(to.cpuMsByType).map(([type, ms]) => [type, (ms - (from.cpuMsByType[type] ?? 0)) / frames]),
      ),
      processes: to.processes,
      xServerMsPerFrame: (to.xServerMs - from.xServerMs) / frames,
      firstFrameMs: started.firstFrameMs,
      crossOriginIsolated: started.crossOriginIsolated,
      userAgent: started.userAgent,
      statsFps: median(stats.map((s) => s.fps)),
      // `stats` reports a median per second, so these are medians of those medians.
      inferenceMsP50: median(stats.map((s) => s.inferenceMs)),
      renderMsP50: median(stats.map((s) => s.renderMs)),
      paths: { input: most(stats.map((s) => s.input)), compositor: most(stats.map((s) => s.compositor)), output: most(stats.map((s) => s.output)) },
      backend: { backend: last.backend, simd: last.simd, threads: last.threads },
      outputSize: last.width ? `${last.width}x${last.height}` : '',
      stats,
      errors: [...errors, ...tab.pageErrors.map((message) => ({ code: 'page-error', message }))],
    };
  } finally {
    await tab.close().catch(() => undefined);
  }
}

async function measureInference(engine, pages, served, config, runs, warmupMs) {
  const tab = await pages.open('bench/inference.html', 'benchInference');
  const from = served.length;
  try {
    const result = await withTimeout(
      tab.call('benchInference', { simd: config.simd, threads: config.threads, photo: '/media/photos/mpl_grace_hopper.png', warmup: 10, warmupMs, runs }),
      START_TIMEOUT_MS + warmupMs + runs * 2000,
      `inference (${config.name})`,
    );
    const { times, readTimes, ...rest } = result;
    return {
      engine: engine.name,
      label: engine.label,
      config: config.name,
      asked: { simd: config.simd, threads: config.threads },
      ...rest,
      wasmFetched: served.slice(from).filter((r) => r.url.endsWith('.wasm')).map((r) => r.url.split('/').pop()),
      runs: times.length,
      p50: median(times),
      p95: quantile(times, 0.95),
      readP50: median(readTimes ?? []),
      times,
      readTimes,
    };
  } finally {
    await tab.close().catch(() => undefined);
  }
}

/** Why a row failed: the error, and a crash MiniBrowser reported, if any. */
function reason(error, launched) {
  const crashed = /WebProcess CRASHED|GPUProcess CRASHED|NetworkProcess CRASHED/.exec(launched?.stderr() ?? '')?.[0];
  return `${error.message.split('\n')[0]}${crashed ? ` (MiniBrowser: ${crashed})` : ''}`;
}

/**
 * Runs the section: per engine in `names`, every mode in `modes`, then the inference page in
 * each configuration, each row in a browser launched for it (so a crash or a leftover costs only its own row).
 * `server` is the bench's static server ({ origin, served }). Rows that fail carry `failed`
 * and the section goes on. Every browser, WebKitWebDriver and Xvfb started here is stopped
 * before this resolves.
 */
export async function benchEngines({ server, names = ENGINE_NAMES, modes = ENGINE_MODES, warmupMs, measureMs, inferenceRuns, log = console.log }) {
  const rows = [];
  const inference = [];
  const browsers = {};
  let xvfb = null;
  /** Launches `engine`, runs `fn(launched, pages)`, closes it; a failure is thrown with its reason. */
  const inBrowser = async (engine, fn) => {
    let launched;
    try {
      if (engine.launcher !== 'chromium') xvfb ??= await startXvfb();
      launched = await withTimeout(launchEngine(engine, { display: xvfb?.display }), 120_000, `launching ${engine.label}`);
    } catch (error) {
      throw new Error(`launch: ${error.message.split('\n')[0]}`);
    }
    try {
      browsers[engine.name] = launched.version;
      return await fn(launched, pagesOf(launched, server.origin));
    } catch (error) {
      throw new Error(reason(error, launched));
    } finally {
      await withTimeout(launched.close(), 30_000, `closing ${engine.label}`).catch((error) => log(`  ${error.message}`));
    }
  };
  try {
    for (const name of names) {
      if (!ENGINES[name]) throw new Error(`Unknown engine "${name}": use ${ENGINE_NAMES.join(', ')}.`);
      const engine = { name, ...ENGINES[name] };
      const { missing } = missingFor(engine);
      if (missing.length) {
        const why = `missing ${missing.join(', ')} (apt-get install ${engine.packages.join(' ')})`;
        for (const mode of Object.keys(modes)) rows.push({ engine: name, label: engine.label, mode, failed: why });
        log(`engine ${engine.label}: failed: ${why}`);
        continue;
      }
      for (const [mode, attributes] of Object.entries(modes)) {
        const what = `engine ${engine.label} ${mode}… `;
        try {
          const row = await inBrowser(engine, (launched, pages) =>
            measureMode(engine, launched, pages, engine.launcher === 'chromium' ? null : xvfb, mode, attributes, { warmupMs, measureMs }),
          );
          rows.push(row);
          log(`${what}${row.fps.toFixed(1)} fps, inference ${row.inferenceMsP50.toFixed(1)} ms`);
        } catch (error) {
          log(`${what}failed: ${error.message}`);
          rows.push({ engine: name, label: engine.label, mode, attributes, failed: error.message });
        }
      }
      for (const config of INFERENCE_CONFIGS) {
        const what = `inference page ${engine.label} ${config.name}… `;
        try {
          const result = await inBrowser(engine, (launched, pages) => measureInference(engine, pages, server.served, config, inferenceRuns, warmupMs));
          inference.push(result);
          log(`${what}p50 ${result.p50.toFixed(1)} ms`);
        } catch (error) {
          log(`${what}failed: ${error.message}`);
          inference.push({ engine: name, label: engine.label, config: config.name, failed: error.message });
        }
      }
    }
  } finally {
    await xvfb?.close();
  }
  return { windows: { warmupMs, measureMs }, source: ENGINE_SOURCE, modes, browsers, rows, inference };
}

const fixed = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const table = (head, body) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** The section as markdown lines: the element per engine and mode, then the inference page per engine. */
export function formatEngines(engines) {
  const { windows, source, rows, inference, browsers } = engines;
  const out = [];
  out.push(
    `### The element per engine (${source.width}x${source.height}, ${source.fps} fps source: ${source.photo.split('/').pop()} panned on a canvas in the page, passed as \`source\`)`,
  );
  out.push('');
  out.push(`Browsers: ${Object.entries(browsers).map(([name, version]) => `${ENGINES[name]?.label ?? name} = ${version}`).join('; ') || '–'}. Each row: ${windows.warmupMs / 1000} s warm-up after \`ready\`, then ${windows.measureMs / 1000} s measured.`);
  out.push('');
  out.push(
    table(
      ['engine', 'mode', 'input / compositor / output', 'output fps (video / stats)', 'source fps', 'browser CPU ms / frame', 'browser CPU (cores)', 'X server ms / frame', 'inference ms p50', 'render ms p50', 'backend', 'start → ready ms'],
      rows.map((r) =>
        r.failed
          ? [r.label, r.mode, `failed: ${r.failed}`, '', '', '', '', '', '', '', '', '']
          : [
              r.label,
              r.mode,
              `${r.paths.input || '–'} / ${r.paths.compositor || '–'} / ${r.paths.output || '–'}`,
              `${fixed(r.fps)} / ${fixed(r.statsFps)}`,
              fixed(r.sourceFps),
              fixed(r.cpuMsPerFrame),
              fixed(r.cpuCores, 2),
              fixed(r.xServerMsPerFrame),
              fixed(r.inferenceMsP50),
              fixed(r.renderMsP50),
              `${r.backend.backend || '–'}${r.backend.simd ? '+simd' : ''} ×${r.backend.threads ?? '?'}${r.crossOriginIsolated ? ' (isolated)' : ''}${r.errors.length ? ` errors: ${[...new Set(r.errors.map((e) => e.code))].join(',')}` : ''}`,
              fixed(r.firstFrameMs, 0),
            ],
      ),
    ),
  );
  out.push('');
  out.push(
    'output fps: frames presented by a `<video>` playing the output track (its `presentedFrames`, via `requestVideoFrameCallback`) / median of `stats` fps. ' +
      'source fps: frames the page drew on the source canvas. ' +
      'browser CPU: utime+stime (/proc) of the whole browser process tree: Chromium from its browser process, Firefox from its parent process (content, RDD, socket, utility processes), ' +
      'WebKit from WebKitWebDriver (MiniBrowser and its web, network and GPU processes). It includes drawing the source canvas and playing the output in the `<video>`, in every engine. ' +
      'Firefox and WebKit run headed on Xvfb (Chromium headless); the X server is not in the browser CPU, its own CPU is the X server column. ' +
      'inference/render: medians of the per-second medians in `stats`; the paths are the ones `stats` reported most.',
  );
  out.push('');
  const runs = inference.find((i) => !i.failed)?.runs;
  out.push(
    `### Inference page per engine (bench/inference.html: the segmenter on the main thread, ${runs ?? '–'} runs on one 256x256 frame of mpl_grace_hopper.png, after at least 10 warm-up runs and ${windows.warmupMs / 1000} s)`,
  );
  out.push('');
  const p50Of = (engine, config) => inference.find((i) => i.engine === engine && i.config === config && !i.failed)?.p50;
  out.push(
    table(
      ['engine', 'configuration', 'backend got', 'wasm fetched', 'segment() p50 ms', 'p95 ms', 'of which resize + read-back p50 ms', 'SIMD speed-up (scalar / SIMD p50)', 'load ms'],
      inference.map((i) =>
        i.failed
          ? [i.label, i.config, `failed: ${i.failed}`, '', '', '', '', '', '']
          : [
              i.label,
              i.config,
              `${i.tfBackend}${i.simd ? '+simd' : ''} ×${i.threads}`,
              i.wasmFetched.join(', ') || '–',
              fixed(i.p50),
              fixed(i.p95),
              fixed(i.readP50),
              i.config === INFERENCE_CONFIGS[0].name ? `${fixed(p50Of(i.engine, INFERENCE_CONFIGS[1].name) / i.p50, 2)}x` : '',
              fixed(i.loadMs, 0),
            ],
      ),
    ),
  );
  return out;
}
