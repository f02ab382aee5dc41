// The browser engines the suite runs in, one per test-runner invocation (VBG_ENGINE):
// what each needs installed, how long it may take, and its launcher.
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromePath, chromiumArgs, webcamClip } from './chromium.mjs';
import { firefoxLaunchOptions, firefoxPackages, firefoxPath } from './firefox.mjs';
import { startWebKitWebDriver, startXvfb } from './services.mjs';
import { miniBrowserPath, webkitDriverOptions, webkitPackages, webKitWebDriverPath } from './webkit.mjs';

const which = (command) =>
  (process.env.PATH ?? '').split(':').map((dir) => `${dir}/${command}`).find(existsSync);

const needsXvfb = () => ['Xvfb', which('Xvfb')];
const webkitRequires = () => [
  ['WebKitGTK MiniBrowser (or MINIBROWSER_PATH)', miniBrowserPath],
  ['WebKitWebDriver', webKitWebDriverPath],
  needsXvfb(),
];
/** Firefox and WebKit run inference 3-6x slower than Chromium. */
const slowTimeouts = { browserStart: 120_000, testsFinish: 600_000, test: 240_000 };

/**
 * Per engine: `label`, `launcher` (which of the three ways to launch), the Debian packages
 * it needs, the programs that must exist (`requires()` → [[what, path or undefined]]),
 * WebKit runtime `features`, and timeouts (ms) for the browser start, one test file and
 * one test.
 */
export const ENGINES = {
  chromium: {
    label: 'Chromium',
    launcher: 'chromium',
    packages: ['chromium'],
    requires: () => [['Chromium (or CHROME_PATH)', chromePath]],
    timeouts: { browserStart: 60_000, testsFinish: 600_000, test: 120_000 },
  },
  firefox: {
    label: 'Firefox',
    launcher: 'firefox',
    packages: firefoxPackages,
    requires: () => [['Firefox (or FIREFOX_PATH)', firefoxPath], needsXvfb()],
    timeouts: slowTimeouts,
  },
  webkit: {
    label: 'WebKit',
    launcher: 'webkit',
    packages: webkitPackages,
    requires: webkitRequires,
    features: [],
    timeouts: slowTimeouts,
  },
  // WebGL in workers as Safari ships it; WebKitGTK has it off by default.
  'webkit-webgl-workers': {
    label: 'WebKit +AllowWebGLInWorkers',
    launcher: 'webkit',
    packages: webkitPackages,
    requires: webkitRequires,
    features: ['+AllowWebGLInWorkers'],
    timeouts: slowTimeouts,
  },
};

export const ENGINE_NAMES = Object.keys(ENGINES);

/**
 * What `npm test` runs. Not `webkit-webgl-workers`: WebKitGTK 2.50.6's web process segfaults
 * in a `WebCore: Worker` thread a few seconds into compositing in a worker (the same address
 * every time, in dmesg), so that run tests the engine's crash, not our code. Run it by name.
 */
export const DEFAULT_ENGINE_NAMES = ['chromium', 'firefox', 'webkit'];

/** The engine for this run: VBG_ENGINE, or Chromium. Throws a plain message for an unknown name. */
export function selectedEngine(name = process.env.VBG_ENGINE || 'chromium') {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`Unknown engine "${name}": use one of ${ENGINE_NAMES.join(', ')}.`);
  return { name, ...engine };
}

/** What is missing to run `engine`: `{ missing: [what…], packages: [Debian package…] }`. */
export function missingFor(engine) {
  const missing = engine.requires().filter(([, path]) => !path).map(([what]) => what);
  return { missing, packages: missing.length ? engine.packages : [] };
}

/**
 * The test-runner launcher for `engine`. Firefox and WebKit need an X display and WebKit a
 * WebKitWebDriver: taken from VBG_DISPLAY and VBG_WEBDRIVER_PORT when the driver script
 * (scripts/test-browsers.mjs) provides them, started here otherwise and stopped when this
 * process exits.
 */
export async function engineLauncher(engine) {
  if (engine.launcher === 'chromium') {
    return chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: chromiumArgs(webcamClip),
      },
    });
  }
  const display = process.env.VBG_DISPLAY || (await startXvfb()).display;
  if (engine.launcher === 'firefox') {
    const { default: puppeteer } = await import('puppeteer-core');
    return chromeLauncher({ puppeteer, launchOptions: firefoxLaunchOptions(display) });
  }
  const port =
    Number(process.env.VBG_WEBDRIVER_PORT) ||
    (await startWebKitWebDriver({ binary: webKitWebDriverPath, env: { ...process.env, DISPLAY: display } })).port;
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  return webdriverLauncher(webkitDriverOptions(port, engine.features));
}

/**
 * `engine` launched on its own, outside the test runner (the bench): Chromium and Firefox
 * through puppeteer-core (`page`-level API), WebKit through a WebKitWebDriver started here
 * and a webdriverio session on it. Firefox and WebKit draw on X display `display`.
 * Resolves to `{ puppeteer | webdriver, pid, version, stderr(), close() }`: `puppeteer` is a
 * puppeteer Browser, `webdriver` a webdriverio Browser; `pid` is the root of every process
 * the browser runs (for WebKit: WebKitWebDriver, whose tree holds MiniBrowser and its web,
 * network and GPU processes); `stderr()` the end of WebKit's error output (empty for the
 * others). `close()` ends all of them.
 */
export async function launchEngine(engine, { display } = {}) {
  if (engine.launcher === 'chromium' || engine.launcher === 'firefox') {
    const { default: puppeteer } = await import('puppeteer-core');
    if (engine.launcher === 'firefox' && !display) throw new Error('Firefox needs an X display (headless Firefox has no WebGL here).');
    const browser = await puppeteer.launch(
      engine.launcher === 'chromium'
        ? { executablePath: chromePath, headless: true, args: chromiumArgs(webcamClip), protocolTimeout: 300_000 }
        : firefoxLaunchOptions(display),
    );
    return { puppeteer: browser, pid: browser.process().pid, stderr: () => '', version: await browser.version(), close: () => browser.close() };
  }
  if (!display) throw new Error('WebKit needs an X display.');
  const driver = await startWebKitWebDriver({ binary: webKitWebDriverPath, env: { ...process.env, DISPLAY: display } });
  // MiniBrowser and its web processes write to the driver's stderr: kept, to explain a crash.
  let stderr = '';
  driver.child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
  try {
    const { remote } = await import('webdriverio');
    // Silent: a failed command reaches the caller as an error; webdriverio need not print it too.
    const browser = await remote({ ...webkitDriverOptions(driver.port, engine.features), logLevel: 'silent' });
    const capabilities = browser.capabilities ?? {};
    return {
      webdriver: browser,
      pid: driver.child.pid,
      stderr: () => stderr,
      version: `${capabilities.browserName ?? 'MiniBrowser'} ${capabilities.browserVersion ?? ''}`.trim(),
      async close() {
        await browser.deleteSession().catch(() => undefined);
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
