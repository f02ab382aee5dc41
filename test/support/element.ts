import '../../src/components/virtual-bg-camera/virtual-bg-camera.js';
import type { ErrorEventDetail, VirtualBgCamera } from '../../src/components/virtual-bg-camera/virtual-bg-camera.js';

/** Every element a test created, removed again after each test. */
const created = new Set<VirtualBgCamera>();

export interface Started {
  readonly element: VirtualBgCamera;
  readonly track: MediaStreamTrack;
  readonly errors: ErrorEventDetail[];
}

/**
 * Adds a `<virtual-bg-camera>` with `attributes` (and `source`, if given) to the page and
 * resolves once it has emitted `track` and `ready`. Rejects on the first `error`.
 */
export async function startElement(
  attributes: Record<string, string> = {},
  source?: MediaStream,
  timeoutMs = 60_000,
): Promise<Started> {
  const element = document.createElement('virtual-bg-camera');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (source) element.source = source;
  const errors: ErrorEventDetail[] = [];
  let track: MediaStreamTrack | null = null;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready event')), timeoutMs);
    element.addEventListener('track', (event) => (track = event.detail.track));
    element.addEventListener('ready', () => (clearTimeout(timer), resolve()), { once: true });
    element.addEventListener('error', (event) => {
      errors.push(event.detail);
      clearTimeout(timer);
      reject(new Error(`${event.detail.code}: ${event.detail.message}`));
    });
  });
  created.add(element);
  document.body.append(element);
  await started;
  if (!track) throw new Error('ready came before track');
  return { element, track, errors };
}

export function removeAllElements(): void {
  for (const element of created) element.remove();
  created.clear();
}

/** Resolves after `count` frames of the given track's producer have been drawn (approximately, via rAF). */
export async function settle(ms = 1500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens the (fake) camera directly, as an app that owns its stream would. */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
}
