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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Serves broken things under /__faults__/ for the error tests: a missing model, corrupt
 * JSON, truncated weights, an incompatible graph, a slow model, and broken images.
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
    case 'slow/selfie.bin':
      context.type = 'application/octet-stream';
      context.body = selfieBin();
      return;
    case 'incompatible/model.json':
      context.type = 'application/json';
      context.body = JSON.stringify(IMAGE_IN_IMAGE_OUT);
      return;
    case 'incompatible/incompatible.bin':
      context.type = 'application/octet-stream';
      context.body = Buffer.from(new Float32Array([1]).buffer);
      return;
    case 'garbage.png':
      context.type = 'image/png';
      context.body = Buffer.from('this is not a PNG at all, just text pretending');
      return;
    default:
      context.status = 404;
  }
}
