// Shared by the bench, the soak and node-side browser tests: headless Chromium with the
// fake camera playing the shared webcam clip (or another y4m), and the repo served as
// plain static files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromePath, chromiumArgs, mediaDir, webcamClip as clip } from '../test/support/chromium.mjs';
import { startStaticServer } from './static-server.mjs';

export const root = resolve(import.meta.dirname, '..');
export { chromePath, clip, mediaDir };

/**
 * Serves the repo (with `headers` added to every response; the shared media under `/media/`)
 * and opens `page` in Chromium with the fake camera playing `camera` (a y4m file).
 * Returns the page, the browser, the server origin and a `close()` for both. `extraArgs`
 * are added to Chromium's flags. With `page` null, no tab is opened.
 */
export async function openPage(page, { headers = {}, isolated = true, extraArgs = [], camera = clip } = {}) {
  if (!existsSync(resolve(root, 'dist/virtual-bg-camera.js'))) throw new Error('Run `npm run build` first.');
  if (!existsSync(camera)) throw new Error(`Missing ${camera} (set VBG_MEDIA to the shared media folder).`);
  const server = await startStaticServer(root, { isolated, headers, mounts: { '/media/': mediaDir } });
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    // The soak's single evaluate runs for minutes; the default 180 s would cut it off.
    protocolTimeout: 0,
    args: [...chromiumArgs(camera), ...extraArgs],
  });
  const tab = page === null ? null : await browser.newPage();
  if (tab) await tab.goto(`${server.origin}/${page}`);
  return {
    page: tab,
    browser,
    origin: server.origin,
    served: server.served,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
