import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_FILES } from './runtime-files.js';
import type { BackendInfo } from './segmenter.js';

// Configured at import, not lazily: importing the backend registers it, and anything that
// touches TFJS first (even tf.memory()) initialises it. Done later, it would fetch the wasm
// from a default path and fail, and setWasmPaths would then be refused.
setWasmPaths({ ...WASM_FILES });
/**
 * XNNPACK takes at most half the reported cores, so below 4 it runs one thread whatever is
 * asked. The threaded build then buys nothing for inference, while the pthread workers it
 * spawns up front make loading slower. So threads are used only where they can run in parallel.
 */
const MIN_CORES_FOR_THREADS = 4;

let ready: Promise<BackendInfo> | undefined;

/** Fetches the wasm binaries from `files` (same keys as `WASM_FILES`). Call before the first `initWasmBackend()`. */
export function useWasmFiles(files: Readonly<Record<string, string>>): void {
  if (!ready) setWasmPaths({ ...files });
}

/**
 * Initialises TFJS on its WASM backend once per realm. The backend picks SIMD when the
 * engine supports it, and threads when the page is cross-origin isolated (SharedArrayBuffer)
 * on 4 or more cores; the info returned is what it actually got, not what was asked.
 */
export function initWasmBackend(): Promise<BackendInfo> {
  ready ??= (async () => {
    const cores = navigator.hardwareConcurrency || 1;
    const threadsUseful = globalThis.crossOriginIsolated === true && cores >= MIN_CORES_FOR_THREADS;
    if (threadsUseful) setThreadsCount(cores);
    else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm'))) throw new Error('The TFJS WASM backend failed to initialise.');
    await tf.ready();
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const threaded = threadsUseful && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    return { backend: 'wasm', simd, threads: threaded ? getThreadsCount() : 1 };
  })();
  ready.catch(() => (ready = undefined));
  return ready;
}
