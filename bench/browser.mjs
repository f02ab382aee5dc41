// Shared by the bench, the soak and node-side browser tests: headless Chromium with the
// fake camera playing the shared webcam clip, and the repo served as plain static files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromePath, chromiumArgs, webcamClip as clip } from '../test/support/chromium.mjs';
import { startStaticServer } from './static-server.mjs';

export const root = resolve(import.meta.dirname, '..');
export { chromePath, clip };

/**
 * Serves the repo (with `headers` added to every response) and opens `page` in Chromium.
 * Returns the page and a `close()` for both. `extraArgs` are added to Chromium's flags.
 */
export async function openPage(page, { headers = {}, isolated = true, extraArgs = [] } = {}) {
  if (!existsSync(resolve(root, 'dist/virtual-bg-camera.js'))) throw new Error('Run `npm run build` first.');
  if (!existsSync(clip)) throw new Error(`Missing ${clip} (set VBG_MEDIA to the shared media folder).`);
  const server = await startStaticServer(root, { isolated, headers });
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    // The soak's single evaluate runs for minutes; the default 180 s would cut it off.
    protocolTimeout: 0,
    args: [...chromiumArgs(clip), ...extraArgs],
  });
  const tab = await browser.newPage();
  await tab.goto(`${server.origin}/${page}`);
  return {
    page: tab,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
