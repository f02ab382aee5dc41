// Shared by the bench, the soak and node-side browser tests: headless Chromium with the
// fake camera playing the shared webcam clip, and the repo served as plain static files.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startStaticServer } from './static-server.mjs';

export const root = resolve(import.meta.dirname, '..');
export const media = resolve(process.env.VBG_MEDIA ?? resolve(root, '../shared/media'));
export const clip = resolve(media, 'webcam_640x480.y4m');
export const chromePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/google-chrome'].find(existsSync);

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
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`,
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      ...extraArgs,
    ],
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
