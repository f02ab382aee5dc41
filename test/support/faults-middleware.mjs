import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const models = resolve('assets/models');

/** A tiny but valid graph model whose output is the input image scaled: 3 channels, not a mask. */
const IMAGE_IN_IMAGE_OUT = {
  format: 'graph-model',
  modelTopology: {
    node: [
      {
        name: 'image',
        op: 'Placeholder',
        attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '1' }, { size: '8' }, { size: '8' }, { size: '3' }] } } },
      },
      { name: 'scale', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {} } } } },
      { name: 'scaled', op: 'Mul', input: ['image', 'scale'], attr: { T: { type: 'DT_FLOAT' } } },
    ],
    library: {},
    versions: {},
  },
  weightsManifest: [{ paths: ['incompatible.bin'], weights: [{ name: 'scale', shape: [], dtype: 'float32' }] }],
};

/**
 * The selfie model rewired to Meet-style output: `[1, 256, 256, 2]` [background, person]
 * logits, `[0, x]` where the original is `sigmoid(x)`. Softmaxed, its person channel equals
 * the selfie mask, so it checks the 2-channel path with a model we may redistribute.
 */
function logitsModel() {
  const model = JSON.parse(readFileSync(resolve(models, 'selfie.json'), 'utf8'));
  const nodes = model.modelTopology.node.filter((node) => node.name !== 'activation_10');
  const float = { type: 'DT_FLOAT' };
  nodes.push(
    { name: 'logits/zeros', op: 'ZerosLike', input: ['segment_add'], attr: { T: float } },
    { name: 'logits/axis', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: {} } } } },
    { name: 'logits', op: 'ConcatV2', input: ['logits/zeros', 'segment_add', 'logits/axis'], attr: { N: { i: '2' }, T: float, Tidx: { type: 'DT_INT32' } } },
  );
  model.modelTopology.node = nodes;
  const dims = [1, 256, 256, 2].map((size) => ({ size: String(size) }));
  model.signature.outputs = { 'logits:0': { name: 'logits:0', dtype: 'DT_FLOAT', tensorShape: { dim: dims } } };
  model.weightsManifest.push({ paths: ['axis.bin'], weights: [{ name: 'logits/axis', shape: [], dtype: 'int32' }] });
  return JSON.stringify(model);
}

/** Four seconds of silence as 8 kHz mono 16-bit WAV: a playable media file with no video. */
function silentWav() {
  const samples = 8000 * 4;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000 * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  return wav;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Serves broken things under /__faults__/ for the error tests: a missing model, corrupt
 * JSON, truncated weights, an incompatible graph, a slow model, broken images and videos,
 * a sound file with no video, and the bundled background clip served late; plus a compatible
 * model with Meet-style 2-channel logits.
 */
export async function faultsMiddleware(context, next) {
  const path = context.path;
  if (!path.startsWith('/__faults__/')) return next();
  const name = path.slice('/__faults__/'.length);
  // Not for the browser to cache; the runner's own cache is sidestepped by unique URLs (slowModelUrl).
  context.set('cache-control', 'no-store');
  const selfieJson = () => readFileSync(resolve(models, 'selfie.json'));
  const selfieBin = () => readFileSync(resolve(models, 'selfie.bin'));
  switch (name) {
    case 'corrupt/model.json':
      context.type = 'application/json';
      context.body = '{"format": "graph-model", "modelTopology": {';
      return;
    case 'truncated/model.json':
    case 'slow/model.json':
      if (name.startsWith('slow')) await sleep(3000);
      context.type = 'application/json';
      context.body = selfieJson();
      return;
    case 'truncated/selfie.bin':
      context.type = 'application/octet-stream';
      context.body = selfieBin().subarray(0, 4096);
      return;
    case 'incompatible/model.json':
      context.type = 'application/json';
      context.body = JSON.stringify(IMAGE_IN_IMAGE_OUT);
      return;
    case 'incompatible/incompatible.bin':
      context.type = 'application/octet-stream';
      context.body = Buffer.from(new Float32Array([1]).buffer);
      return;
    case 'logits/model.json':
      context.type = 'application/json';
      context.body = logitsModel();
      return;
    case 'slow/selfie.bin':
    case 'logits/selfie.bin':
      context.type = 'application/octet-stream';
      context.body = selfieBin();
      return;
    case 'logits/axis.bin':
      context.type = 'application/octet-stream';
      context.body = Buffer.from(new Int32Array([3]).buffer);
      return;
    case 'garbage.webm':
      context.type = 'video/webm';
      context.body = Buffer.from('this is not a WebM file at all, just text pretending to be one');
      return;
    case 'slow/drift.webm':
      // Long enough for WebKit's slow read-back to check a dozen frames while it loads.
      await sleep(6000);
      context.type = 'video/webm';
      context.body = readFileSync(resolve('assets/backgrounds/drift.webm'));
      return;
    case 'silence.wav':
      context.type = 'audio/wav';
      context.body = silentWav();
      return;
    case 'garbage.png':
      context.type = 'image/png';
      context.body = Buffer.from('this is not a PNG at all, just text pretending');
      return;
    default:
      context.status = 404;
  }
}
