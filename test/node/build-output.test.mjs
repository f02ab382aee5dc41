// Node-side checks of what `npm run build` leaves in dist/ (run after the build).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

test('dist has the self-registering module with its model and wasm files beside it', () => {
  assert.ok(existsSync('dist/virtual-bg-camera.js'));
  for (const file of ['selfie.json', 'selfie.bin', 'meet.json', 'meet.bin', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    assert.ok(existsSync(`dist/assets/${file}`), `dist/assets/${file}`);
  }
});
