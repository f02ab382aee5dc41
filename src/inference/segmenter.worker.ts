/**
 * The segmenter worker: runs TFJS on its WASM backend off the page's main thread. It
 * serves one pipeline over the `MessagePort` it is handed first; frames arrive transferred
 * (no copies) and masks go back transferred.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ModelIncompatibleError } from './segmenter.js';
import type { SegmenterFrame } from './model-input.js';
import type { SegmenterInit, SegmenterReply, SegmenterRequest } from './segmenter-protocol.js';
import { TfjsSegmenter } from './tfjs-segmenter.js';
import { useWasmFiles } from './wasm-backend.js';
import { errorMessage } from '../shared/error-message.js';

let port: MessagePort | null = null;
/** The newest load's id; replies for older ones are dropped by the client anyway. */
let current = 0;
let segmenter: Promise<TfjsSegmenter> | null = null;

self.addEventListener('message', (event: MessageEvent<SegmenterInit>) => {
  if (!event.data.port || port) return;
  useWasmFiles(event.data.wasmFiles);
  port = event.data.port;
  port.addEventListener('message', (message: MessageEvent<SegmenterRequest>) => void handle(message.data));
  port.start();
});

function reply(message: SegmenterReply, transfer: Transferable[] = []): void {
  port?.postMessage(message, transfer);
}

async function handle(request: SegmenterRequest): Promise<void> {
  switch (request.type) {
    case 'load':
      return load(request.load, request.model);
    case 'unload':
      if (request.load === current) unload();
      return;
    case 'segment':
      return segment(request.load, request.id, request.frame);
  }
}

function unload(): void {
  void segmenter?.then((s) => s.dispose(), () => undefined);
  segmenter = null;
}

async function load(id: number, model: Parameters<typeof TfjsSegmenter.create>[0]): Promise<void> {
  unload();
  current = id;
  const loading = TfjsSegmenter.create(model, (fraction) => reply({ type: 'progress', load: id, fraction }));
  segmenter = loading;
  try {
    const ready = await loading;
    reply({
      type: 'loaded',
      load: id,
      width: ready.inputWidth,
      height: ready.inputHeight,
      backendInfo: ready.backendInfo,
      tensors: tf.memory().numTensors,
    });
  } catch (error) {
    if (segmenter === loading) segmenter = null;
    reply({
      type: 'load-failed',
      load: id,
      incompatible: error instanceof ModelIncompatibleError,
      message: errorMessage(error),
    });
  }
}

async function segment(load: number, id: number, frame: SegmenterFrame): Promise<void> {
  const started = performance.now();
  try {
    if (load !== current || !segmenter) throw new Error('No model is loaded.');
    const mask = await (await segmenter).segment(frame);
    const ms = performance.now() - started;
    reply({ type: 'mask', load, id, mask, ms, tensors: tf.memory().numTensors }, [mask.data.buffer]);
  } catch (error) {
    frame.close();
    reply({ type: 'segment-failed', load, id, message: errorMessage(error) });
  }
}
