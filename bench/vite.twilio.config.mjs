// Builds bench/twilio.html (twilio-video and the built dist/twilio.js, which imports
// dist/processor.js and its workers) into bench/.cache/twilio/, as an app's build would.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root: resolve(root, 'bench'),
  base: './',
  configFile: false,
  logLevel: 'warn',
  assetsInclude: ['**/*.bin'],
  build: {
    target: 'es2022',
    outDir: resolve(root, 'bench/.cache/twilio'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    copyPublicDir: false,
    rollupOptions: { input: resolve(root, 'bench/twilio.html') },
  },
});
