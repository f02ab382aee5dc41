import type { StorybookConfig } from '@storybook/web-components-vite';

/** The part of the dev server's event channel used below. */
interface ServerChannel {
  on(event: string, listener: () => void): void;
  emit(event: string, ...args: unknown[]): void;
  removeAllListeners(event?: string): void;
}

/**
 * Storybook for `<virtual-bg-camera>`. Works offline: no telemetry, no "what's new" fetch
 * (below), no version check (`--no-version-updates` in `npm run storybook`), and everything
 * the stories load ships in the repo.
 *
 * The builder reads the repo's vite.config.ts (so `assetsInclude` for the model's `.bin`
 * and the pre-bundled deps apply) but ignores its library `build` section. The element
 * imports its model and wasm files with `?url`, so Vite bundles them with no extra config.
 */
const config: StorybookConfig & { experimental_serverChannel: (channel: ServerChannel) => Promise<ServerChannel> } = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Controls and actions are part of Storybook's core since 9, so no addons are needed.
  addons: [],
  // The stories refer to `assets/backgrounds/*.jpg` and `assets/samples/*.webm` relative to
  // iframe.html; serving those folders of the repo's assets/ makes that work in dev and in the
  // build. Not assets/models: in dev, Vite must answer the element's `selfie.json?url` import
  // itself, and a static folder at /assets/models would shadow it with the raw JSON.
  staticDirs: [
    { from: '../assets/backgrounds', to: '/assets/backgrounds' },
    { from: '../assets/samples', to: '/assets/samples' },
  ],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  // The manager asks the dev server for storybook.js.org's "what's new" post on every load.
  // Answer it locally so nothing is fetched (the manager treats it as unavailable).
  experimental_serverChannel: async (channel) => {
    channel.removeAllListeners('requestWhatsNewData');
    channel.on('requestWhatsNewData', () => channel.emit('resultWhatsNewData', { data: { status: 'ERROR' } }));
    return channel;
  },
};

export default config;
