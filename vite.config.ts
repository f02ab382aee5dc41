import { defineConfig } from 'vite';
import { skipPixiEnvironments } from './vite-plugins/skip-pixi-environments';
import { tfjsGraphSubset } from './vite-plugins/tfjs-graph-subset';

/** WASM threads need a cross-origin isolated page. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [skipPixiEnvironments()],
  // Relative base: the built module finds its model and wasm files next to itself
  // (via import.meta.url), so dist/ can be served from any path or CDN.
  base: './',
  assetsInclude: ['**/*.bin'],
  server: { headers: isolationHeaders },
  // Pre-bundle the CommonJS-flavoured deps up front, so no mid-session re-optimisation
  // reloads the page (which fails module imports in tests).
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-converter',
      '@tensorflow/tfjs-backend-wasm',
      'pixi.js',
      'pixi.js/filters',
      'pixi.js/unsafe-eval',
      'lit',
      'lit/decorators.js',
    ],
  },
  preview: { headers: isolationHeaders },
  // The pipeline and segmenter workers: one self-contained module each, next to the other assets.
  // Only their build cuts TFJS down (the segmenter's); the dev server keeps the whole library.
  worker: {
    format: 'es',
    plugins: () => [skipPixiEnvironments(), tfjsGraphSubset()],
    rollupOptions: {
      output: {
        inlineDynamicImports: true,
        entryFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: 'src/components/virtual-bg-camera/virtual-bg-camera.ts',
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: 'virtual-bg-camera.js',
        // One module: no hashed chunks for an app's bundler to rename, and the registration
        // (the only side effect) sits in the file that package.json's sideEffects names.
        inlineDynamicImports: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
