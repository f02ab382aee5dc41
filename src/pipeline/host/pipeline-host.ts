/**
 * Serves one pipeline over a message endpoint: the pipeline worker's global scope, or (where
 * workers cannot use WebGL2) a `MessagePort` on the page. Both hosts speak the same protocol,
 * so the page's `PipelineClient` does not care which one runs the frames.
 */
import { SegmenterChannel } from '../../inference/remote-segmenter.js';
import { errorMessage } from '../../shared/error-message.js';
import type { PipelineEvent, PipelineRequest, ServePipeline } from '../../shared/protocol.js';
import { createFrameSink } from './frame-sink.js';
import { Pipeline } from './pipeline.js';
import { PostedFrames } from './posted-frames.js';

/** `pageOutput`: the page host's canvas output, for the `canvas` target. */
export const servePipeline: ServePipeline = (endpoint, pageOutput = null) => {
  const send = (event: PipelineEvent, transfer: Transferable[] = []) => endpoint.postMessage(event, transfer);
  let pipeline: Promise<Pipeline | null> | null = null;
  const posted = new PostedFrames();
  const postedBackground = new PostedFrames();

  endpoint.addEventListener('message', (message: MessageEvent<PipelineRequest>) => {
    const request = message.data;
    if (request.type === 'init') {
      pipeline ??= create(request);
      return;
    }
    const frame = request.type === 'frame' || request.type === 'background-frame' ? request.frame : null;
    if (!pipeline) return frame?.close();
    void pipeline.then((running) => {
      if (!running) return frame?.close();
      if (request.type === 'input') running.setInput(request.frames ?? posted.open(request.input), request.input, request.frames ? 'track-processor' : 'video-frame-callback');
      else if (request.type === 'frame') posted.push(request.input, request.frame);
      else if (request.type === 'input-end') posted.end(request.input);
      else if (request.type === 'background') running.setBackground(backgroundFrames(request.frames, request.background));
      else if (request.type === 'background-frame') postedBackground.push(request.background, request.frame);
      else if (request.type === 'segmenter') running.connectSegmenter(new SegmenterChannel(request.port));
      else if (request.type === 'configure') running.configure(request.settings);
      else if (request.type === 'destroy') {
        posted.close();
        postedBackground.close();
        running.destroy();
        endpoint.close?.();
      }
    });
  });
  endpoint.start?.();

  function backgroundFrames(frames: ReadableStream<VideoFrame> | 'posted' | 'none', background: number): ReadableStream<VideoFrame> | null {
    if (frames === 'posted') return postedBackground.open(background);
    postedBackground.close();
    return frames === 'none' ? null : frames;
  }

  async function create(request: Extract<PipelineRequest, { type: 'init' }>): Promise<Pipeline | null> {
    try {
      const sink = createFrameSink(request.output, pageOutput, (bitmap) => send({ type: 'bitmap', bitmap }, [bitmap]));
      // The pipeline's events are protocol messages already: forwarded as they are.
      const created = await Pipeline.create(sink, request.compositor, (event) => send(event));
      send({ type: 'created' });
      return created;
    } catch (error) {
      send({ type: 'error', code: 'webgl-unavailable', message: `WebGL2 is not available: ${errorMessage(error)}` });
      return null;
    }
  }
};
