// Tests run in real headless Chromium through Vite (the same transforms as `npm start`
// and the build: ?raw shaders, ?url assets, pre-bundled CommonJS deps).
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromePath, chromiumArgs, mediaDir, webcamClip } from './test/support/chromium.mjs';
import { commandsPlugin } from './test/support/commands-plugin.mjs';
import { faultsMiddleware } from './test/support/faults-middleware.mjs';
import { viteBridge } from './test/support/vite-bridge.mjs';

const media = mediaDir;
const clip = webcamClip;
if (!existsSync(clip)) throw new Error(`Test media missing: ${clip} (set VBG_MEDIA to the shared media folder).`);

const vite = viteBridge({ optimizeDeps: { include: ['@open-wc/testing', '@web/test-runner-commands'] } });

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

const executablePath = chromePath;

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: false,
  concurrency: 1,
  testsFinishTimeout: 600_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 120_000 } },
  plugins: [vite.plugin, commandsPlugin()],
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
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: chromiumArgs(clip),
      },
    }),
  ],
};
