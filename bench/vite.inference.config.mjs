// Builds bench/inference.ts (the project's segmenter plus a timing loop) into
// bench/.cache/inference/, with its model and wasm files beside it, as the element's build does.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  base: './',
  configFile: false,
  logLevel: 'warn',
  assetsInclude: ['**/*.bin'],
  build: {
    target: 'es2022',
    outDir: resolve(root, 'bench/.cache/inference'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    copyPublicDir: false,
    rollupOptions: {
      input: resolve(root, 'bench/inference.ts'),
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: 'inference.js', inlineDynamicImports: true, assetFileNames: 'assets/[name][extname]' },
    },
  },
});
