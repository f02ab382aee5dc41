// Node-side checks of what `npm run build` leaves in dist/ (run after the build).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

test('dist has the self-registering module with its model and wasm files beside it', () => {
  assert.ok(existsSync('dist/virtual-bg-camera.js'));
  for (const file of ['selfie.json', 'selfie.bin', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    assert.ok(existsSync(`dist/assets/${file}`), `dist/assets/${file}`);
  }
  // Found relative to the module, never from an absolute path or another host.
  const code = readFileSync('dist/virtual-bg-camera.js', 'utf8');
  assert.doesNotMatch(code, /https?:\/\/(?!www\.w3\.org)/, 'no absolute URLs in the entry');
});
