// The Twilio adapter as an app runs it (the built dist/twilio.js, in twilio-video, on the fake
// camera), instrumented from outside: the time each processFrame call holds the main thread,
// and how old the input frame is whose processed picture a call puts on the output canvas.
// bench/twilio.mjs reads the page's main-thread CPU (CDP TaskDuration) around `measure`.
import { LocalVideoTrack } from 'twilio-video';
import type { createTwilioProcessor as CreateTwilioProcessor } from '../src/adapters/twilio.js';

// What an app gets from `npm run build` (typed by its source, which need not be built for tsc).
const { createTwilioProcessor } = (await import('../dist/twilio.js' as string)) as { createTwilioProcessor: typeof CreateTwilioProcessor };

interface Window {
  twilioBench: { start(mode: 'no-op' | 'adapter'): Promise<void>; measure(ms: number): Promise<Sample>; stop(): void };
}

export interface Sample {
  /** processFrame calls in the window. */
  calls: number;
  /** Each call's duration, ms. */
  callMs: number[];
  /** For each processed picture first shown: shown time minus the call time of the input frame it came from, ms. */
  latencyMs: number[];
  /** Output frames shown per second in the window (new pictures put on the canvas). */
  shownPerSecond: number;
}

type Processor = { processFrame(input: VideoFrame | HTMLVideoElement, output: HTMLCanvasElement): void };

/** When each input frame (by timestamp, µs) was passed to processFrame. */
const passedAt = new Map<number, number>();
/** The output frame timestamp each bitmap was made from. */
const bitmapTimestamp = new WeakMap<ImageBitmap, number>();
let latencyMs: number[] = [];
let shown = 0;

// Outside instrumentation: the adapter's output worker posts each bitmap with its frame's
// timestamp (the input frame's: the pipeline keeps it), and the adapter shows it with
// transferFromImageBitmap. A listener added here, in the constructor, runs before the adapter's.
const OriginalWorker = window.Worker;
window.Worker = class extends OriginalWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    if (options?.name !== 'virtual-bg-camera twilio output') return;
    this.addEventListener('message', (event: MessageEvent<{ bitmap: ImageBitmap; timestamp: number }>) => {
      bitmapTimestamp.set(event.data.bitmap, event.data.timestamp);
    });
  }
};
const transfer = ImageBitmapRenderingContext.prototype.transferFromImageBitmap;
ImageBitmapRenderingContext.prototype.transferFromImageBitmap = function (bitmap: ImageBitmap | null) {
  const timestamp = bitmap ? bitmapTimestamp.get(bitmap) : undefined;
  const passed = timestamp === undefined ? undefined : passedAt.get(timestamp);
  if (passed !== undefined) latencyMs.push(performance.now() - passed);
  if (bitmap) shown++;
  transfer.call(this, bitmap);
};

let track: LocalVideoTrack | null = null;
let camera: MediaStream | null = null;
let processor: (Processor & { destroy?(): void }) | null = null;
let callMs: number[] = [];
let calls = 0;

function timed(inner: Processor): Processor {
  return {
    processFrame(input, output) {
      const start = performance.now();
      if (input instanceof VideoFrame) passedAt.set(input.timestamp, start);
      inner.processFrame(input, output);
      callMs.push(performance.now() - start);
      calls++;
    },
  };
}

(window as unknown as Window).twilioBench = {
  async start(mode) {
    camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, frameRate: 30 } });
    track = new LocalVideoTrack(camera.getVideoTracks()[0]!, { name: 'camera' });
    const video = track.attach() as HTMLVideoElement;
    video.muted = true;
    document.body.append(video);
    if (mode === 'adapter') {
      const adapter = createTwilioProcessor({ backgroundColor: '#00ff00' });
      const ready = new Promise((resolve, reject) => {
        adapter.addEventListener('ready', resolve, { once: true });
        adapter.addEventListener('error', (event) => reject(new Error(event.detail.message)), { once: true });
      });
      processor = Object.assign(timed(adapter), { destroy: () => adapter.destroy() });
      track.addProcessor(processor as never, { inputFrameBufferType: 'videoframe', outputFrameBufferContextType: 'bitmaprenderer' });
      await ready;
    } else {
      // Twilio's own cost: a processor that only releases the input frame.
      processor = timed({ processFrame: (input) => (input instanceof VideoFrame ? input.close() : undefined) });
      track.addProcessor(processor as never, { inputFrameBufferType: 'videoframe', outputFrameBufferContextType: 'bitmaprenderer' });
    }
  },
  async measure(ms) {
    callMs = [];
    latencyMs = [];
    calls = 0;
    shown = 0;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { calls, callMs, latencyMs, shownPerSecond: (shown * 1000) / ms };
  },
  stop() {
    if (track && processor) track.removeProcessor(processor as never);
    processor?.destroy?.();
    track?.stop();
    camera?.getTracks().forEach((t) => t.stop());
    passedAt.clear();
  },
};
