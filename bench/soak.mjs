// `npm run soak`: the element on the fake camera for 10,000 output frames (about 11 minutes
// at 15 fps), switching effect every 500 frames. Reports tensor count and JS heap (after
// GC, summed over the page and the element's workers) at start and end. The test suite runs the same code for a few hundred frames.
import { pathToFileURL } from 'node:url';
import { openPage } from './browser.mjs';

/** Runs the soak in a fresh browser and returns `{ frames, seconds, start, end }`. */
export async function runSoak({ frames = 10_000, switchEvery = 500 } = {}) {
  const session = await openPage('bench/soak.html', {
    extraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
  try {
    const page = session.page;
    const pageSession = await page.createCDPSession();
    // The model, tensors and WebGL state live in the element's workers: count every realm.
    await page.exposeFunction('measureHeapMb', async () => {
      const sessions = [pageSession, ...page.workers().map((worker) => worker.client)];
      let used = 0;
      for (const cdp of sessions) {
        await cdp.send('HeapProfiler.collectGarbage');
        used += (await cdp.send('Runtime.getHeapUsage')).usedSize;
      }
      return { mb: used / 2 ** 20, realms: sessions.length };
    });
    await page.waitForFunction(() => typeof window.soak === 'function');
    return await page.evaluate((f, s) => window.soak(f, s), frames, switchEvery);
  } finally {
    await session.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const frames = Number(process.argv[2] ?? 10_000);
  const result = await runSoak({ frames });
  const growth = result.end.heapMb - result.start.heapMb;
  console.log(`\nsoak: ${result.frames} frames in ${result.seconds.toFixed(0)} s (${(result.frames / result.seconds).toFixed(1)} fps)`);
  console.log(`tensors: ${result.start.tensors} -> ${result.end.tensors}`);
  console.log(`JS heap after GC, page + ${result.end.realms - 1} workers: ${result.start.heapMb.toFixed(1)} MB -> ${result.end.heapMb.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`);
  if (result.end.tensors !== result.start.tensors || growth >= 10) {
    console.log('FAIL: tensors grew or heap grew by 10 MB or more');
    process.exitCode = 1;
  }
}
