import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_FILES } from './runtime-files.js';
import type { BackendInfo } from './segmenter.js';

// Configured at import, not lazily: importing the backend registers it, and anything that
// touches TFJS first (even tf.memory()) initialises it. Done later, it would fetch the wasm
// from a default path and fail, and setWasmPaths would then be refused.
setWasmPaths({ ...WASM_FILES });
const isolated = globalThis.crossOriginIsolated === true;
if (isolated) setThreadsCount(Math.max(1, navigator.hardwareConcurrency || 1));

let ready: Promise<BackendInfo> | undefined;

/** Fetches the wasm binaries from `files` (same keys as `WASM_FILES`). Call before the first `initWasmBackend()`. */
export function useWasmFiles(files: Readonly<Record<string, string>>): void {
  if (!ready) setWasmPaths({ ...files });
}

/**
 * Initialises TFJS on its WASM backend once per realm. The backend picks SIMD when the
 * engine supports it and threads only when the page is cross-origin isolated
 * (SharedArrayBuffer); the info returned is what it actually got, not what was asked.
 */
export function initWasmBackend(): Promise<BackendInfo> {
  ready ??= (async () => {
    if (!(await tf.setBackend('wasm'))) throw new Error('The TFJS WASM backend failed to initialise.');
    await tf.ready();
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const threaded = isolated && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    return { backend: 'wasm', simd, threads: threaded ? getThreadsCount() : 1 };
  })();
  ready.catch(() => (ready = undefined));
  return ready;
}
