import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Test-runner commands:
 * - `screenshot-element`: screenshots an element's box as the user sees it (CSS transforms
 *   included) and returns a PNG as base64, for checking the on-page preview, which a canvas
 *   read-back cannot show (mirroring is CSS).
 * - `save-base64`: saves base64 data under the project (e.g. frames to look at, eval results).
 */
export function commandsPlugin() {
  return {
    name: 'virtual-bg-camera-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'screenshot-element') {
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
      return undefined;
    },
  };
}
