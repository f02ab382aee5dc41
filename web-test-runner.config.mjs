// Tests run in a real browser through Vite (the same transforms as `npm start` and the
// build: ?raw shaders, ?url assets, pre-bundled CommonJS deps). One engine per run:
// VBG_ENGINE=chromium (default, headless), firefox, webkit or webkit-webgl-workers (headed on
// Xvfb); `npm run test:browser` runs them all one after another (scripts/test-browsers.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { defaultReporter } from '@web/test-runner';
import { mediaDir, webcamClip } from './test/support/chromium.mjs';
import { commandsPlugin } from './test/support/commands-plugin.mjs';
import { engineLauncher, missingFor, selectedEngine } from './test/support/engines.mjs';
import { faultsMiddleware } from './test/support/faults-middleware.mjs';
import { resultsReporter } from './test/support/results-reporter.mjs';
import { viteBridge } from './test/support/vite-bridge.mjs';

/** Stops with a plain message (no stack trace) when the run cannot start. */
function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

let engine;
try {
  engine = selectedEngine();
} catch (error) {
  fail(error.message);
}
const { missing, packages } = missingFor(engine);
if (missing.length) {
  fail(`${engine.label} needs ${missing.join(', ')}. Install them with:\n  apt-get install -y ${packages.join(' ')}\n(or run \`npm run test:browser -- --engine ${engine.name}\`, which installs them when it can).`);
}

const media = mediaDir;
const clip = webcamClip;
if (!existsSync(clip)) throw new Error(`Test media missing: ${clip} (set VBG_MEDIA to the shared media folder).`);

// `entries`: crawl every test and worker up front, so a fresh clone's first run pre-bundles
// all their dependencies at start; a dependency found mid-run re-bundles and reloads the
// pages, and a test page reloaded while starting never reports that it started.
const vite = viteBridge({
  optimizeDeps: {
    include: ['@open-wc/testing', '@web/test-runner-commands'],
    entries: ['index.html', 'test/**/*.test.ts', 'test/support/*.worker.ts', 'src/**/*.worker.ts', 'src/pipeline/host/page-pipeline.ts'],
  },
});

/** Serves a folder's files as they are, like any static server, under `prefix`. */
function serveStatic(prefix, folder) {
  return async (context, next) => {
    if (!context.path.startsWith(prefix)) return next();
    const file = resolve(folder, decodeURIComponent(context.path.slice(prefix.length)));
    if (!file.startsWith(folder + sep) || !existsSync(file)) return next();
    context.type = extname(file);
    context.body = readFileSync(file);
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: false,
  concurrency: 1,
  testsFinishTimeout: engine.timeouts.testsFinish,
  browserStartTimeout: engine.timeouts.browserStart,
  // A test page loads the whole dev-server module graph; slow engines on a busy machine need
  // longer than the default 20 s. In a fresh checkout the first page also waits for Vite to
  // pre-bundle every dependency (the four video SDKs are megabytes), minutes under load.
  testsStartTimeout: 300_000,
  testFramework: { config: { timeout: engine.timeouts.test } },
  plugins: [vite.plugin, commandsPlugin({ engine })],
  // The driver script reads each engine's counts from VBG_RESULTS_FILE.
  reporters: [defaultReporter(), ...(process.env.VBG_RESULTS_FILE ? [resultsReporter({ path: process.env.VBG_RESULTS_FILE, engine: engine.name })] : [])],
  middleware: [
    // Cross-origin isolation, as `npm start` serves it, so WASM threads are exercised too.
    async (context, next) => {
      await next();
      context.set('Cross-Origin-Opener-Policy', 'same-origin');
      context.set('Cross-Origin-Embedder-Policy', 'require-corp');
    },
    // The shared test media (photos, reference masks).
    serveStatic('/__media__/', media),
    // Missing, corrupt, slow and incompatible models and images, for the error tests.
    faultsMiddleware,
    // The built package exactly as `npm run build` left it, for testing what ships.
    serveStatic('/__dist__/', resolve('dist')),
    vite.middleware,
  ],
  browsers: [await engineLauncher(engine)],
};
