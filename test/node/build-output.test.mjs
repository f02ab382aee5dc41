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

test('the processor entry (virtual-bg-camera/processor) is its own module, with no Lit, pixi or TFJS in it', () => {
  assert.ok(existsSync('dist/processor.js'), 'dist/processor.js');
  assert.ok(existsSync('dist/types/processor/index.d.ts'), 'dist/types/processor/index.d.ts');
  const processor = readFileSync('dist/processor.js', 'utf8');
  const element = readFileSync('dist/virtual-bg-camera.js', 'utf8');
  // Lit registers its versions on globalThis under these names, which survive minification:
  // found in the element's module (so the check can fail), absent from the processor's.
  for (const lit of ['litElementVersions', 'litHtmlVersions']) {
    assert.ok(element.includes(lit), `the element's module has ${lit}`);
    assert.ok(!processor.includes(lit), `the processor's module has no ${lit}`);
  }
  assert.ok(!processor.includes('customElements.define'), 'the processor registers no element');
  for (const worker of ['pipeline.worker.js', 'segmenter.worker.js']) {
    assert.ok(processor.includes(`assets/${worker}`), `the processor starts ${worker}`);
  }
  assert.ok(!processor.includes('PixiJS') && !processor.includes('Unknown dtype'), 'pixi and TFJS only in the workers');
  const gzip = gzipSync(processor, { level: 9 }).length;
  assert.ok(gzip < 20_000, `processor module is ${gzip} bytes gzipped`);
});

/** Each adapter's built file, and a string from its SDK's own code (found there, so the check can fail). */
const ADAPTERS = {
  livekit: { sdkFile: 'node_modules/livekit-client/dist/livekit-client.esm.mjs', sdkString: 'cannot set processor on track of unknown kind' },
  twilio: { sdkFile: 'node_modules/twilio-video/es5/media/track/videotrack.js', sdkString: 'Received an invalid VideoProcessor' },
  agora: { sdkFile: 'node_modules/agora-rte-extension/dist/agora-rte-extension.js', sdkString: 'Extension not registered yet' },
  vonage: { sdkFile: 'node_modules/@vonage/client-sdk-video/dist/js/opentok.js', sdkString: 'Tried to set invalid MediaProcessorConnector' },
};

test('each SDK adapter is a small module that imports ./processor.js and bundles neither the processor nor its SDK', () => {
  const processor = readFileSync('dist/processor.js', 'utf8');
  for (const [name, { sdkFile, sdkString }] of Object.entries(ADAPTERS)) {
    const file = `dist/${name}.js`;
    assert.ok(existsSync(file), file);
    assert.ok(existsSync(`dist/types/adapters/${name}.d.ts`), `dist/types/adapters/${name}.d.ts`);
    const adapter = readFileSync(file, 'utf8');
    const imports = [...adapter.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)].map((match) => match[1]).sort();
    assert.deepEqual(imports, name === 'agora' ? ['./processor.js', 'agora-rte-extension'] : ['./processor.js'], `${file} imports`);
    // The processor's module names its worker scripts: the adapter, importing it, does not.
    assert.ok(processor.includes('assets/pipeline.worker.js') && !adapter.includes('assets/pipeline.worker.js'), `${file} has no copy of the processor`);
    assert.ok(readFileSync(sdkFile, 'utf8').includes(sdkString) && !adapter.includes(sdkString), `${file} has none of its SDK's code`);
    const gzip = gzipSync(adapter, { level: 9 }).length;
    assert.ok(gzip < 3_000, `${file} is ${gzip} bytes gzipped`);
  }
  // The Twilio adapter's own worker (output frames to bitmaps), beside the processor's.
  assert.ok(existsSync('dist/assets/bitmap.worker.js') && readFileSync('dist/twilio.js', 'utf8').includes('assets/bitmap.worker.js'), 'dist/twilio.js starts dist/assets/bitmap.worker.js');
});
