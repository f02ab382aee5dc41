import { defineConfig } from 'vite';
import { skipPixiEnvironments } from './vite-plugins/skip-pixi-environments';
import { tfjsGraphSubset } from './vite-plugins/tfjs-graph-subset';

/** WASM threads need a cross-origin isolated page. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The library's entry files. Each is built on its own (`vite build --mode <name>`), so each is one
 * self-contained module: Rollup cannot inline dynamic imports across several inputs, and a
 * shared chunk would pull the element's code into the processor's file or the other way round.
 */
const ENTRIES = {
  production: { input: 'src/components/virtual-bg-camera/virtual-bg-camera.ts', file: 'virtual-bg-camera.js' },
  /** `virtual-bg-camera/processor`: no Lit, no element. Built after the element, into the same dist/. */
  processor: { input: 'src/processor/index.ts', file: 'processor.js' },
} as const;

export default defineConfig(({ mode }) => {
  const entry = mode === 'processor' ? ENTRIES.processor : ENTRIES.production;
  return {
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
      // The element's build empties dist/; the processor's adds its file beside it.
      emptyOutDir: mode !== 'processor',
      rollupOptions: {
        input: entry.input,
        preserveEntrySignatures: 'exports-only',
        output: {
          entryFileNames: entry.file,
          // One module: no hashed chunks for an app's bundler to rename, and the registration
          // (the only side effect) sits in the file that package.json's sideEffects names.
          inlineDynamicImports: true,
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name][extname]',
        },
      },
    },
  };
});
