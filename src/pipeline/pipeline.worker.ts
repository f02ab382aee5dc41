/**
 * The pipeline worker: frame loop, compositing and output, off the page's main thread.
 * The page only forwards settings; no per-frame work happens there.
 */
import { DOMAdapter } from 'pixi.js';
import { SegmenterChannel } from '../inference/remote-segmenter.js';
import { FrameSink } from './frame-sink.js';
import { PostedFrames } from './posted-frames.js';
import { Pipeline } from './pipeline.js';
import type { PipelineEvent, PipelineRequest } from './protocol.js';
import { workerDomAdapter } from './worker-dom-adapter.js';
import { errorMessage } from '../error-message.js';

DOMAdapter.set(workerDomAdapter);

const send = (event: PipelineEvent) => self.postMessage(event);
let pipeline: Promise<Pipeline | null> | null = null;
const posted = new PostedFrames();

self.addEventListener('message', (message: MessageEvent<PipelineRequest>) => {
  const request = message.data;
  if (request.type === 'init') {
    pipeline ??= create(request);
    return;
  }
  void pipeline?.then((running) => {
    if (!running) return;
    if (request.type === 'input') running.setInput(request.frames ?? posted.open(request.input), request.input);
    else if (request.type === 'frame') posted.push(request.input, request.frame);
    else if (request.type === 'input-end') posted.end(request.input);
    else if (request.type === 'model') running.loadModel(request.model);
    else if (request.type === 'effect') running.setEffect(request.effect);
    else if (request.type === 'quality') running.setQuality(request.quality);
    else if (request.type === 'matte') running.setMatteOptions(request.options);
  });
});

async function create(request: Extract<PipelineRequest, { type: 'init' }>): Promise<Pipeline | null> {
  try {
    const created = await Pipeline.create(new FrameSink(request.output), new SegmenterChannel(request.segmenter), {
      ready: () => send({ type: 'ready' }),
      stats: (stats) => send({ type: 'stats', stats }),
      inputEnded: (input) => send({ type: 'input-ended', input }),
      modelProgress: (fraction) => send({ type: 'model-progress', fraction }),
      error: (code, message) => send({ type: 'error', code, message }),
    });
    send({ type: 'created' });
    return created;
  } catch (error) {
    send({ type: 'error', code: 'webgl-unavailable', message: `WebGL2 is not available: ${errorMessage(error)}` });
    return null;
  }
}
