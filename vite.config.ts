import { resolve } from 'node:path';
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
  /** The SDK adapters (`virtual-bg-camera/livekit`, …): each imports `./processor.js` and its SDK, bundling neither. */
  livekit: { input: 'src/adapters/livekit.ts', file: 'livekit.js' },
  twilio: { input: 'src/adapters/twilio.ts', file: 'twilio.js' },
  agora: { input: 'src/adapters/agora.ts', file: 'agora.js' },
  vonage: { input: 'src/adapters/vonage.ts', file: 'vonage.js' },
} as const;

/** The processor's entry, as the adapters import it: left to `./processor.js` at run time, so an app holds one copy. */
const PROCESSOR_ENTRY = resolve(import.meta.dirname, 'src/processor/index.js');
/** The SDK packages an adapter may import at run time (Agora's base classes): the app's copy, never bundled. */
const SDK_PACKAGES = /^(agora-rte-extension|agora-rtc-sdk-ng|livekit-client|twilio-video|@vonage\/.*|@opentok\/.*)($|\/)/;

function isAdapter(mode: string): mode is 'livekit' | 'twilio' | 'agora' | 'vonage' {
  return mode === 'livekit' || mode === 'twilio' || mode === 'agora' || mode === 'vonage';
}

export default defineConfig(({ mode }) => {
  const entry = mode === 'processor' || isAdapter(mode) ? ENTRIES[mode] : ENTRIES.production;
  const adapter = isAdapter(mode);
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
      // The element's build empties dist/; the processor's and the adapters' add their files beside it.
      emptyOutDir: entry === ENTRIES.production,
      rollupOptions: {
        input: entry.input,
        preserveEntrySignatures: 'exports-only',
        external: adapter ? (id, importer) => SDK_PACKAGES.test(id) || (!!importer && resolve(importer, '..', id) === PROCESSOR_ENTRY) : undefined,
        output: {
          paths: adapter ? (id) => (id === PROCESSOR_ENTRY ? './processor.js' : id) : undefined,
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
