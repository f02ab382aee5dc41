// How the tests launch Firefox: Debian's firefox-esr driven by puppeteer-core over
// WebDriver BiDi (no geckodriver), headed on an X display, because headless Firefox has no
// WebGL without a GPU here (its driver blocklist), while headed it runs WebGL2 on llvmpipe.
import { existsSync } from 'node:fs';

export const firefoxPath =
  process.env.FIREFOX_PATH ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync);

/** Debian packages that provide what `firefoxLaunchOptions` needs. */
export const firefoxPackages = ['firefox-esr', 'xvfb', 'xauth'];

/**
 * Firefox preferences: a fake camera with no permission prompt (Firefox's own moving test
 * pattern; it cannot play a y4m file), autoplay allowed, WebGL on the software rasteriser,
 * ICE over loopback for the in-page RTCPeerConnection pair, and no timer throttling.
 */
export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.block-autoplay-until-in-foreground': false,
  'webgl.force-enabled': true,
  'webgl.disabled': false,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'dom.timeout.enable_budget_timer_throttling': false,
};

/** puppeteer-core launch options for Firefox on X display `display` (e.g. ':5'). */
export function firefoxLaunchOptions(display) {
  return {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: false,
    env: { ...process.env, DISPLAY: display },
    extraPrefsFirefox: firefoxPrefs,
    // Tests run for minutes while the runner waits on its own socket; only puppeteer's
    // own calls (navigation, screenshots) use this.
    protocolTimeout: 300_000,
  };
}
