/** Watches the workers the element starts, and can run its pipeline worker under test controls. */

export interface WatchedWorker {
  readonly worker: Worker;
  readonly url: string;
  readonly name: string;
  terminated: boolean;
}

export interface WorkerWatch {
  readonly workers: WatchedWorker[];
  /** The newest pipeline worker (needs `probe: true`). */
  pipeline(): WatchedWorker;
  /** Sends a probe command to the newest pipeline worker; resolves with whether its context is lost. */
  probe(command: 'lose' | 'restore' | 'state'): Promise<boolean | null>;
  restore(): void;
}

/**
 * Replaces `window.Worker` until `restore()`. Every worker is recorded; with `probe`, the
 * pipeline worker runs through `pipeline-probe.worker.ts` (the real worker plus test
 * controls), and with `noWebgl` it also gets no WebGL.
 */
export function watchWorkers({ probe = false, noWebgl = false } = {}): WorkerWatch {
  const Original = window.Worker;
  const workers: WatchedWorker[] = [];
  const probeUrl = new URL('./pipeline-probe.worker.ts', import.meta.url);
  class Watched extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      const isPipeline = String(url).includes('pipeline.worker');
      const name = `${options?.name ?? ''}${isPipeline && noWebgl ? ' no-webgl' : ''}`;
      super(isPipeline && (probe || noWebgl) ? probeUrl : url, { ...options, name });
      workers.push({ worker: this, url: String(url), name, terminated: false });
    }
    override terminate(): void {
      const watched = workers.find((w) => w.worker === this);
      if (watched) watched.terminated = true;
      super.terminate();
    }
  }
  window.Worker = Watched;
  const pipeline = () => {
    const found = workers.filter((w) => w.url.includes('pipeline.worker')).at(-1);
    if (!found) throw new Error('no pipeline worker was started');
    return found;
  };
  return {
    workers,
    pipeline,
    probe(command) {
      const { worker } = pipeline();
      return new Promise((resolve) => {
        const listener = (event: MessageEvent<{ probe?: string; lost?: boolean | null }>) => {
          if (event.data?.probe !== 'state') return;
          worker.removeEventListener('message', listener);
          resolve(event.data.lost ?? null);
        };
        worker.addEventListener('message', listener);
        worker.postMessage({ probe: command });
      });
    },
    restore() {
      window.Worker = Original;
    },
  };
}

/** Whether a worker here can get a WebGL2 context (WebKit's workers cannot, by default). */
export async function workerHasWebgl2(): Promise<boolean> {
  const code = "postMessage(typeof OffscreenCanvas === 'function' && !!new OffscreenCanvas(1, 1).getContext('webgl2'))";
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const worker = new Worker(url);
  try {
    return await new Promise<boolean>((resolve) => {
      worker.onmessage = (event: MessageEvent<boolean>) => resolve(event.data);
      worker.onerror = () => resolve(false);
    });
  } finally {
    worker.terminate();
    URL.revokeObjectURL(url);
  }
}

/**
 * Hides `MediaStreamTrackProcessor`/`MediaStreamTrackGenerator` as Firefox and Safari lack
 * them, until the returned function restores them. Where they never existed it changes
 * nothing, and restoring does not define them (as `undefined`, which `in` would see).
 */
export function withoutTrackProcessors(): () => void {
  const globals = window as unknown as Record<string, unknown>;
  const names = ['MediaStreamTrackProcessor', 'MediaStreamTrackGenerator'];
  const saved = names.filter((name) => name in globals).map((name) => [name, globals[name]] as const);
  for (const [name] of saved) delete globals[name];
  return () => {
    for (const [name, value] of saved) globals[name] = value;
  };
}

/**
 * The workers the element starts, by name, sorted: the pipeline and the segmenter, plus, on
 * the `<video>` input path (no `MediaStreamTrackProcessor`), the clock that keeps frames coming
 * when the page's clocks stop.
 */
export function elementWorkerNames(): string[] {
  return [
    ...(typeof MediaStreamTrackProcessor === 'function' ? [] : ['virtual-bg-camera frame clock']),
    'virtual-bg-camera pipeline',
    'virtual-bg-camera segmenter',
  ];
}
