// How the tests launch WebKit: Debian's WebKitGTK MiniBrowser in automation mode, driven
// by WebKitWebDriver (W3C WebDriver classic), headed on an X display.
import { existsSync, readdirSync } from 'node:fs';

/** The MiniBrowser that ships with libwebkit2gtk (pulled in by webkit2gtk-driver). */
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ??
  (() => {
    const candidates = [];
    for (const lib of ['/usr/lib', '/usr/libexec']) {
      let entries = [];
      try {
        entries = readdirSync(lib);
      } catch {
        continue;
      }
      // /usr/lib/<multiarch>/webkit2gtk-4.1/MiniBrowser (Debian, Ubuntu)
      for (const entry of entries) {
        candidates.push(`${lib}/${entry}/webkit2gtk-4.1/MiniBrowser`, `${lib}/${entry}/webkitgtk-6.0/MiniBrowser`);
      }
      candidates.push(`${lib}/webkit2gtk-4.1/MiniBrowser`, `${lib}/webkitgtk-6.0/MiniBrowser`);
    }
    return candidates.find(existsSync);
  })();

export const webKitWebDriverPath =
  process.env.WEBKIT_WEBDRIVER_PATH ?? ['/usr/bin/WebKitWebDriver', '/usr/local/bin/WebKitWebDriver'].find(existsSync);

/** Debian packages that provide MiniBrowser, WebKitWebDriver and the X server. */
export const webkitPackages = ['webkit2gtk-driver', 'xvfb', 'xauth'];

/**
 * MiniBrowser flags: WebKit's mock camera (granted without a prompt under automation),
 * media capture and WebRTC on, muted and unmuted autoplay allowed, WebGL on. `features`
 * are runtime features to switch, e.g. ['+AllowWebGLInWorkers'].
 */
export function miniBrowserArgs(features = []) {
  return [
    '--automation',
    '--enable-mock-capture-devices=true',
    '--enable-media-stream=true',
    '--enable-webrtc=true',
    '--enable-webgl=true',
    '--media-playback-requires-user-gesture=false',
    '--autoplay-policy=allow',
    ...(features.length ? [`--features=${features.join(',')}`] : []),
  ];
}

/** webdriverio options for a WebKitWebDriver listening on `port`. */
export function webkitDriverOptions(port, features = []) {
  return {
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    // One webdriver command (navigation, a screenshot) may wait on a busy 2-core machine.
    connectionRetryTimeout: 300_000,
    connectionRetryCount: 1,
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver speaks classic WebDriver; without this webdriverio asks for BiDi.
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: miniBrowserPath, args: miniBrowserArgs(features) },
    },
  };
}
