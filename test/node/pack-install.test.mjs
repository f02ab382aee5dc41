// The package as a user gets it: `npm pack` the repo, install the tarball into a fresh Vite app
// (from the npm registry, like any app would), type-check a file that uses the typed events,
// `vite build` the app, serve it statically and run it in headless Chromium on the fake camera.
// A green background in the output proves that the app's bundler found the model and wasm
// files inside node_modules/virtual-bg-camera and kept every module with side effects.
// Runs after `npm run build` (`npm test` does that first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { startStaticServer } from '../../bench/static-server.mjs';
import { chromePath, chromiumArgs, webcamClip as clip } from '../support/chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const chrome = chromePath;
const skipBrowser = chrome && existsSync(chrome) ? false : 'Chromium not found at /usr/bin/chromium (set CHROME_PATH to run this test)';
const viteVersion = JSON.parse(readFileSync(resolve(root, 'node_modules/vite/package.json'), 'utf8')).version;
const tsc = resolve(root, 'node_modules/typescript/bin/tsc');

/** Regions of the 640x480 webcam clip (as in test/support/media.ts). */
const TOP_LEFT = { x: 0, y: 0, width: 60, height: 60 };
const FACE = { x: 300, y: 120, width: 140, height: 140 };

const run = promisify(execFile);

/** Runs a command; on failure the error message carries its output. */
async function sh(command, args, cwd, timeout = 300_000) {
  try {
    return await run(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`);
  }
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>virtual-bg-camera consumer</title>
    <link rel="icon" href="data:," />
    <script>
      // Recorded from the start: the element starts as soon as it is defined.
      window.__vbg = { track: null, ready: false, errors: [] };
      document.addEventListener('track', (e) => (window.__vbg.track = e.detail.track));
      document.addEventListener('ready', () => (window.__vbg.ready = true));
      document.addEventListener('error', (e) => e.detail && window.__vbg.errors.push(e.detail));
    </script>
  </head>
  <body>
    <virtual-bg-camera background-color="#00ff00"></virtual-bg-camera>
    <script type="module">
      import 'virtual-bg-camera';
    </script>
  </body>
</html>
`;

// The headless processor (`virtual-bg-camera/processor`) on the fake camera: no element, no Lit.
const PROCESSOR_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>virtual-bg-camera processor consumer</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <script type="module">
      import { createVirtualBackground } from 'virtual-bg-camera/processor';
      window.__vbg = { track: null, ready: false, errors: [] };
      try {
        const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
        const vb = await createVirtualBackground(camera.getVideoTracks()[0], { backgroundColor: '#00ff00' });
        vb.addEventListener('ready', () => (window.__vbg.ready = true));
        vb.addEventListener('error', (e) => window.__vbg.errors.push(e.detail));
        window.__vbg.track = vb.track;
      } catch (error) {
        window.__vbg.errors.push({ code: error.code ?? 'thrown', message: String(error) });
      }
    </script>
  </body>
</html>
`;

// The LiveKit adapter (`virtual-bg-camera/livekit`) in livekit-client on the fake camera, the
// SDK's way; the other three adapters are imported too, so the build resolves each subpath
// and its `./processor.js`.
const ADAPTERS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>virtual-bg-camera adapters consumer</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <script type="module">
      import { LocalVideoTrack } from 'livekit-client';
      import { createLiveKitProcessor } from 'virtual-bg-camera/livekit';
      import { createTwilioProcessor } from 'virtual-bg-camera/twilio';
      import { createAgoraExtension } from 'virtual-bg-camera/agora';
      import { createVonageConnector } from 'virtual-bg-camera/vonage';
      window.__vbg = { track: null, ready: false, errors: [] };
      try {
        const made = [createTwilioProcessor(), createAgoraExtension(), createVonageConnector()];
        if (made.some((adapter) => !adapter)) throw new Error('an adapter factory returned nothing');
        const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
        const track = new LocalVideoTrack(camera.getVideoTracks()[0], undefined, true);
        const processor = createLiveKitProcessor({ backgroundColor: '#00ff00' });
        processor.addEventListener('ready', () => (window.__vbg.ready = true));
        processor.addEventListener('error', (e) => window.__vbg.errors.push(e.detail));
        await track.setProcessor(processor);
        window.__vbg.track = processor.processedTrack;
      } catch (error) {
        window.__vbg.errors.push({ code: error.code ?? 'thrown', message: String(error) });
      }
    </script>
  </body>
</html>
`;

// What README "Install" tells Vite users to add, for the dev server; and every page in the build.
const VITE_CONFIG = `export default {
  optimizeDeps: { exclude: ['virtual-bg-camera'] },
  build: { rollupOptions: { input: ['index.html', 'processor.html', 'adapters.html'] } },
};
`;

/** The SDKs, at the versions the repo tests against, for the adapters' types and the LiveKit page. */
const SDKS = ['livekit-client', 'twilio-video', 'agora-rtc-sdk-ng', '@vonage/client-sdk-video'].map(
  (name) => `${name}@${JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8')).version}`,
);

// The adapters' own declarations, checked whole (skipLibCheck off, as for check.ts): each
// subpath resolves to its types, and the typed events and options come through.
const ADAPTER_TYPES_TS = `import { createLiveKitProcessor } from 'virtual-bg-camera/livekit';
import { createTwilioProcessor } from 'virtual-bg-camera/twilio';
import { createAgoraExtension } from 'virtual-bg-camera/agora';
import { createVonageConnector, type VirtualBackgroundOptions } from 'virtual-bg-camera/vonage';

const options: VirtualBackgroundOptions = { blur: 'medium' };
const livekit = createLiveKitProcessor(options);
livekit.addEventListener('error', (e) => e.detail.code.toUpperCase());
const twilio = createTwilioProcessor(options);
twilio.addEventListener('stats', (e) => e.detail.fps.toFixed(1));
const agora = createAgoraExtension(options).createProcessor();
agora.addEventListener('error', (e) => e.detail.message.trim());
const vonage = createVonageConnector(options);
vonage.configure({ backgroundColor: '#00ff00' });
// @ts-expect-error backgroundFit is cover, contain or fill
livekit.configure({ backgroundFit: 'stretch' });
export { agora, twilio, vonage };
`;

// Each adapter handed to its SDK as the README shows: type-checks against the SDKs' own types
// (their declarations are not ours to check: skipLibCheck on, as most apps have it).
const ADAPTER_SDKS_TS = `import { LocalVideoTrack } from 'livekit-client';
import * as Video from 'twilio-video';
import AgoraRTC from 'agora-rtc-sdk-ng';
import OT from '@vonage/client-sdk-video';
import { createLiveKitProcessor } from 'virtual-bg-camera/livekit';
import { createTwilioProcessor } from 'virtual-bg-camera/twilio';
import { createAgoraExtension } from 'virtual-bg-camera/agora';
import { createVonageConnector } from 'virtual-bg-camera/vonage';

export async function wire(camera: MediaStreamTrack, publisher: OT.Publisher): Promise<void> {
  await new LocalVideoTrack(camera).setProcessor(createLiveKitProcessor({ blur: 'medium' }));

  new Video.LocalVideoTrack(camera).addProcessor(createTwilioProcessor({ blur: 'medium' }), {
    inputFrameBufferType: 'videoframe',
    outputFrameBufferContextType: 'bitmaprenderer',
  });

  const extension = createAgoraExtension({ blur: 'medium' });
  AgoraRTC.registerExtensions([extension]);
  const track = AgoraRTC.createCustomVideoTrack({ mediaStreamTrack: camera });
  track.pipe(extension.createProcessor()).pipe(track.processorDestination);

  await publisher.setVideoMediaProcessorConnector(createVonageConnector({ blur: 'medium' }));
}
`;

const CHECK_TS = `import type {} from 'virtual-bg-camera';
import { createVirtualBackground, type VirtualBackgroundOptions } from 'virtual-bg-camera/processor';

const camera = document.querySelector('virtual-bg-camera')!;
camera.addEventListener('track', (e) => e.detail.track.id);
camera.addEventListener('error', (e) => e.detail.code.toUpperCase());
camera.addEventListener('stats', (e) => e.detail.fps.toFixed(1));
camera.backgroundColor = '#00ff00';
const id: string | undefined = camera.track?.id;
void id;

// The processor's options and events are typed too.
const options: VirtualBackgroundOptions = { blur: 'medium', backgroundFit: 'cover', edgeSoftness: 0.2 };
void createVirtualBackground(camera.track!, options).then((vb) => {
  vb.addEventListener('error', (e) => e.detail.code.toUpperCase());
  vb.addEventListener('stats', (e) => e.detail.fps.toFixed(1));
  vb.configure({ backgroundColor: '#00ff00' });
  // @ts-expect-error backgroundFit is cover, contain or fill
  vb.configure({ backgroundFit: 'stretch' });
  const track: MediaStreamTrack = vb.track;
  vb.stop();
  return track;
});

// The detail is really typed, not \`any\`: a wrong use must be an error.
camera.addEventListener('track', (e) => {
  // @ts-expect-error detail.track is a MediaStreamTrack, not a number
  const wrong: number = e.detail.track;
  return wrong;
});
`;

const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  noEmit: true,
  // Check the package's own .d.ts files too, not only their use.
  skipLibCheck: false,
  types: [],
};


/**
 * Opens the app at `origin`, waits for the element's `ready` and reads one frame of its track.
 * Returns what a test asserts on, plus every failed request and page error.
 */
async function runApp(browser, origin, path = '/') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  try {
    await page.goto(`${origin}${path}`);
    if (path === '/') {
      const defined = await page
        .waitForFunction(() => customElements.get('virtual-bg-camera') !== undefined, { timeout: 30_000 })
        .then(() => true, () => false);
      assert.ok(defined, `<virtual-bg-camera> was never defined: the app's bundle dropped the registration (check "sideEffects"). ${problems.join('; ')}`);
    }

    const settled = await page
      .waitForFunction(() => window.__vbg.ready || window.__vbg.errors.length > 0, { timeout: 180_000 })
      .then(() => true, () => false);
    const state = await page.evaluate(() => ({ ready: window.__vbg.ready, errors: window.__vbg.errors, hasTrack: !!window.__vbg.track }));
    assert.deepEqual(state.errors, [], `the element reported errors. ${problems.join('; ')}`);
    assert.ok(settled && state.ready && state.hasTrack, `no ready event within 180 s. ${problems.join('; ')}`);

    const frame = await page.evaluate(
      async (regions) => {
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = new MediaStream([window.__vbg.track]);
        await video.play();
        // Let a few frames pass so the reading is of the running pipeline.
        for (let i = 0; i < 10; i++) await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 480;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        context.drawImage(video, 0, 0, 640, 480);
        const mean = ({ x, y, width, height }) => {
          const { data } = context.getImageData(x, y, width, height);
          const sum = [0, 0, 0];
          for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += data[i + c];
          return sum.map((s) => s / (width * height));
        };
        const result = { size: [video.videoWidth, video.videoHeight], topLeft: mean(regions.topLeft), face: mean(regions.face) };
        video.pause();
        video.srcObject = null;
        return result;
      },
      { topLeft: TOP_LEFT, face: FACE },
    );
    return { frame, problems };
  } finally {
    await page.close();
  }
}

function assertGreenBackground({ frame }) {
  const [r, g, b] = frame.topLeft;
  // Black here (with no error) has meant the app's bundler dropped pixi's extension
  // registrations as side-effect free: "sideEffects" must cover every chunk in dist.
  assert.ok(g > 230 && r + b < 30, `top-left 60x60 should be green, got rgb(${frame.topLeft.map(Math.round)}) at ${frame.size.join('x')}`);
  // A real mask, not the fail-closed all-colour frame: the face is not painted over.
  const [fr, fg, fb] = frame.face;
  assert.ok(!(fg > 200 && fr + fb < 60), `the face should not be green, got rgb(${frame.face.map(Math.round)})`);
}

describe('the packed package in a fresh Vite app', { timeout: 900_000 }, () => {
  let work;
  let app;
  let packed;
  let browser;
  /** The production build's run in Chromium: set by one test, checked by the next. */
  let built;

  before(async () => {
    for (const file of ['dist/virtual-bg-camera.js', 'dist/types/components/virtual-bg-camera/virtual-bg-camera.d.ts', 'dist/processor.js', 'dist/livekit.js', 'custom-elements.json']) {
      assert.ok(existsSync(resolve(root, file)), `${file} is missing: run \`npm run build\` first`);
    }
    work = mkdtempSync(join(tmpdir(), 'vbg-pack-'));
    // --ignore-scripts: pack what `npm run build` left, without re-running a prepack build.
    const { stdout } = await sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
    [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));

    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vbg-consumer', private: true, type: 'module' }, null, 2));
    writeFileSync(join(app, 'index.html'), INDEX_HTML);
    writeFileSync(join(app, 'processor.html'), PROCESSOR_HTML);
    writeFileSync(join(app, 'adapters.html'), ADAPTERS_HTML);
    writeFileSync(join(app, 'adapter-types.ts'), ADAPTER_TYPES_TS);
    writeFileSync(join(app, 'adapter-sdks.ts'), ADAPTER_SDKS_TS);
    writeFileSync(join(app, 'vite.config.js'), VITE_CONFIG);
    writeFileSync(join(app, 'check.ts'), CHECK_TS);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler' }, files: ['check.ts'] }));
    writeFileSync(
      join(app, 'tsconfig.nodenext.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext' }, files: ['check.ts'] }),
    );
    writeFileSync(
      join(app, 'tsconfig.adapters.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler' }, files: ['adapter-types.ts'] }),
    );
    writeFileSync(
      join(app, 'tsconfig.sdks.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'ESNext', moduleResolution: 'bundler', skipLibCheck: true }, files: ['adapter-sdks.ts'] }),
    );
    await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename), `vite@${viteVersion}`, ...SDKS], app, 600_000);
  });

  after(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function chromium() {
    assert.ok(existsSync(clip), `Test media missing: ${clip} (set VBG_MEDIA to the shared media folder)`);
    browser ??= await puppeteer.launch({ executablePath: chrome, headless: true, protocolTimeout: 300_000, args: chromiumArgs(clip) });
    return browser;
  }

  it('packs dist, the manifest, README and LICENSE, and no sources, tests, stories or demo', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'custom-elements.json',
      'dist/virtual-bg-camera.js',
      'dist/types/components/virtual-bg-camera/virtual-bg-camera.d.ts',
      'dist/processor.js',
      'dist/types/processor/index.d.ts',
      ...['livekit', 'twilio', 'agora', 'vonage'].flatMap((name) => [`dist/${name}.js`, `dist/types/adapters/${name}.d.ts`]),
      'dist/assets/selfie.json',
      'dist/assets/selfie.bin',
      'dist/assets/tfjs-backend-wasm.wasm',
      'dist/assets/tfjs-backend-wasm-simd.wasm',
      'dist/assets/tfjs-backend-wasm-threaded-simd.wasm',
    ]) {
      assert.ok(files.includes(file), `${file} is not in the tarball`);
    }
    const unwanted = files.filter((f) => /^(src|test|stories|demo|bench|assets|\.storybook)\//.test(f) || f === 'index.html');
    assert.deepEqual(unwanted, [], 'files that should not be published');
  });

  it('has typed events for TypeScript users (bundler and NodeNext resolution)', async () => {
    await sh('node', [tsc, '-p', 'tsconfig.json'], app);
    await sh('node', [tsc, '-p', 'tsconfig.nodenext.json'], app);
  });

  it('the SDK adapter subpaths resolve with types, and type-check handed to their SDKs', async () => {
    await sh('node', [tsc, '-p', 'tsconfig.adapters.json'], app);
    await sh('node', [tsc, '-p', 'tsconfig.sdks.json'], app);
  });

  it('vite build: the app paints the background green in Chromium', { skip: skipBrowser }, async () => {
    await sh('node', [join(app, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
    const server = await startStaticServer(join(app, 'dist'));
    try {
      built = await runApp(await chromium(), server.origin);
    } finally {
      server.close();
    }
    assertGreenBackground(built);
  });

  it('vite build: the headless processor (virtual-bg-camera/processor) paints the background green in Chromium', { skip: skipBrowser }, async () => {
    assert.ok(existsSync(join(app, 'dist/processor.html')), 'the app build has the processor page');
    const server = await startStaticServer(join(app, 'dist'));
    let result;
    try {
      result = await runApp(await chromium(), server.origin, '/processor.html');
    } finally {
      server.close();
    }
    assertGreenBackground(result);
    assert.deepEqual(result.problems, [], 'failed requests or page errors');
  });

  it('vite build: the LiveKit adapter (virtual-bg-camera/livekit) in livekit-client paints the background green in Chromium', { skip: skipBrowser }, async () => {
    assert.ok(existsSync(join(app, 'dist/adapters.html')), 'the app build has the adapters page');
    const server = await startStaticServer(join(app, 'dist'));
    let result;
    try {
      result = await runApp(await chromium(), server.origin, '/adapters.html');
    } finally {
      server.close();
    }
    assertGreenBackground(result);
    assert.deepEqual(result.problems, [], 'failed requests or page errors');
  });

  it('vite build: the app makes no failed requests and throws no page errors', { skip: skipBrowser }, () => {
    assert.ok(built, 'the Chromium test above did not get as far as reading a frame');
    // A 404 for a chunk under /assets/ means the library's own modulepreload helper resolved its
    // chunk names against the app's bundle, which renamed them: the library build should not
    // emit that helper (no dynamic-import chunks, or build.modulePreload: false).
    assert.deepEqual(built.problems, [], 'failed requests or page errors');
  });

  it('vite dev server (with optimizeDeps.exclude, as README says): green background, no failed requests', { skip: skipBrowser }, async () => {
    const { createServer } = await import(pathToFileURL(join(app, 'node_modules/vite/dist/node/index.js')).href);
    const server = await createServer({ root: app, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } });
    try {
      await server.listen();
      const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
      const result = await runApp(await chromium(), origin);
      assertGreenBackground(result);
      assert.deepEqual(result.problems, [], 'failed requests or page errors');
    } finally {
      await server.close();
    }
  });
});
