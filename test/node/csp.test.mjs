// The built element on a page served with a strict Content-Security-Policy: no
// 'unsafe-eval', no inline script. WebAssembly needs 'wasm-unsafe-eval' (the standard
// opt-in for wasm compilation only); TFJS's threaded backend starts workers from blob: URLs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage } from '../../bench/browser.mjs';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

test('works under a strict CSP without unsafe-eval', { timeout: 120_000 }, async () => {
  const session = await openPage('test/node/fixtures/csp.html', { headers: { 'content-security-policy': STRICT_CSP } });
  try {
    const result = await session.page.evaluate(() => window.result);
    assert.deepEqual(result.violations, [], 'no CSP violations');
    assert.deepEqual(result.errors, [], 'no element errors');
    const [r, g, b] = result.cornerRgb;
    assert.ok(g > 230 && r + b < 30, `background painted green under CSP (corner ${result.cornerRgb})`);
  } finally {
    await session.close();
  }
});
