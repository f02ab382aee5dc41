import scalarWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * The TFJS WASM binaries, by the file names the backend asks for. The browser fetches only
 * the one variant it can run (threads+SIMD, SIMD, or scalar).
 *
 * The page-side module sends these URLs to the segmenter worker: an app's bundler rewrites
 * `new URL(…, import.meta.url)` in the module it bundles and copies the files along, but it
 * copies the worker scripts verbatim, so URLs written inside a worker would not follow.
 */
export const WASM_FILES: Readonly<Record<string, string>> = {
  'tfjs-backend-wasm.wasm': scalarWasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdWasmUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasmUrl,
};
