// How every browser run in this repo launches Chromium (tests, bench, soak, pack test):
// headless, as root, with the fake camera playing the shared webcam clip.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** The shared test media (../shared/media beside the repo, or VBG_MEDIA). */
export const mediaDir = resolve(process.env.VBG_MEDIA ?? resolve(root, '../shared/media'));
export const webcamClip = resolve(mediaDir, 'webcam_640x480.y4m');

export const chromePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/** Chromium flags: fake camera playing `clip`, no background network chatter, WebGL2 on SwiftShader. */
export function chromiumArgs(clip = webcamClip) {
  return [
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
    // WebGL2 on SwiftShader when there is no GPU (headless CI).
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ];
}
