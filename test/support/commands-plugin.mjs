import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PNG } from 'pngjs';

/** Crops a PNG to `{ x, y, width, height }` (device pixels, clamped to the image). */
function cropPng(buffer, { x, y, width, height }) {
  const source = PNG.sync.read(buffer);
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const right = Math.min(source.width, Math.round(x + width));
  const bottom = Math.min(source.height, Math.round(y + height));
  if (right <= left || bottom <= top) throw new Error('The element is outside the viewport.');
  const out = new PNG({ width: right - left, height: bottom - top });
  for (let row = top; row < bottom; row++) {
    source.data.copy(out.data, (row - top) * out.width * 4, (row * source.width + left) * 4, (row * source.width + right) * 4);
  }
  return PNG.sync.write(out);
}

/**
 * WebDriver (WebKit): WebKitGTK's element screenshot comes back black, so take the
 * viewport as shown and crop it to the element's box.
 */
async function webdriverScreenshot(driver, selector) {
  const box = await driver.execute((selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const { x, y, width, height } = element.getBoundingClientRect();
    return { x, y, width, height, viewportWidth: window.innerWidth };
  }, selector);
  if (!box) throw new Error(`No element matches ${selector}`);
  const full = Buffer.from(await driver.takeScreenshot(), 'base64');
  const scale = PNG.sync.read(full).width / box.viewportWidth;
  const rect = { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
  return cropPng(full, rect).toString('base64');
}

/**
 * Test-runner commands:
 * - `screenshot-element`: screenshots an element's box as the user sees it (CSS transforms
 *   included) and returns a PNG as base64, for checking the on-page preview, which a canvas
 *   read-back cannot show (mirroring is CSS). Puppeteer (Chromium over CDP, Firefox over
 *   WebDriver BiDi) or WebDriver (WebKit), whichever launched the browser.
 * - `save-base64`: saves base64 data under the project (e.g. frames to look at, eval results).
 * - `engine`: `{ name, label, features }` of the engine this run uses (VBG_ENGINE), for tests
 *   that must tell engines apart; most should detect features instead.
 */
export function commandsPlugin({ engine } = {}) {
  return {
    name: 'virtual-bg-camera-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'screenshot-element') {
        if (session.browser.type === 'webdriver') return await webdriverScreenshot(session.browser.driver, payload.selector);
        const page = session.browser.getPage(session.id);
        const handle = await page.$(payload.selector);
        if (!handle) throw new Error(`No element matches ${payload.selector}`);
        return await handle.screenshot({ encoding: 'base64', type: 'png' });
      }
      if (command === 'save-base64') {
        const path = resolve(payload.path);
        if (!path.startsWith(process.cwd())) throw new Error(`save-base64 stays inside the project: ${payload.path}`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, Buffer.from(payload.base64, 'base64'));
        return true;
      }
      if (command === 'engine') {
        return { name: engine?.name ?? 'chromium', label: engine?.label ?? 'Chromium', features: engine?.features ?? [] };
      }
      return undefined;
    },
  };
}
