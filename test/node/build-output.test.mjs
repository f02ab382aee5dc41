// Node-side checks of what `npm run build` leaves in dist/ (run after the build).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';

test('dist has the self-registering module with its model and wasm files beside it', () => {
  assert.ok(existsSync('dist/virtual-bg-camera.js'));
  for (const file of ['selfie.json', 'selfie.bin', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    assert.ok(existsSync(`dist/assets/${file}`), `dist/assets/${file}`);
  }
});

test('the page module is small: pixi and TFJS ship only in the worker scripts it starts', () => {
  const page = readFileSync('dist/virtual-bg-camera.js', 'utf8');
  for (const worker of ['pipeline.worker.js', 'segmenter.worker.js']) {
    assert.ok(existsSync(`dist/assets/${worker}`), `dist/assets/${worker}`);
    assert.ok(page.includes(`assets/${worker}`), `the page module starts ${worker}`);
  }
  // Strings that survive minification: pixi's warnings, TFJS's dtype errors.
  const pipeline = readFileSync('dist/assets/pipeline.worker.js', 'utf8');
  const segmenter = readFileSync('dist/assets/segmenter.worker.js', 'utf8');
  assert.ok(pipeline.includes('PixiJS') && !page.includes('PixiJS'), 'pixi in the pipeline worker, not in the page module');
  assert.ok(segmenter.includes('Unknown dtype') && !page.includes('Unknown dtype'), 'TFJS in the segmenter worker, not in the page module');
  const gzip = gzipSync(page, { level: 9 }).length;
  assert.ok(gzip < 20_000, `page module is ${gzip} bytes gzipped`);
});
