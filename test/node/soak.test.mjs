// CI's short run of `npm run soak` (same code): tensors flat, heap growth well under 10 MB.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSoak } from '../../bench/soak.mjs';

test('soak (short): 450 frames with effect switches leak no tensors and little heap', { timeout: 300_000 }, async () => {
  const result = await runSoak({ frames: 450, switchEvery: 50 });
  assert.equal(result.end.tensors, result.start.tensors, 'tensor count');
  assert.ok(result.start.tensors > 0, 'the model is loaded, so tensors are counted');
  assert.ok(result.end.realms >= 3, `heap measured in ${result.end.realms} realms: the page and both workers`);
  assert.ok(result.end.heapMb - result.start.heapMb < 10, `heap grew ${result.end.heapMb - result.start.heapMb} MB`);
});
