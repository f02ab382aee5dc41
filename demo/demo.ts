import '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import type {
  ErrorEventDetail,
  StatsEventDetail,
  TrackEventDetail,
  VirtualBgCameraEventMap,
} from '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { BLUR_PRESETS, MAX_BLUR_PX } from '../src/components/virtual-bg-camera/attributes.js';
import { byId, cameraElement } from './dom.js';
import { liveCanvas } from './live-canvas.js';

declare global {
  interface HTMLMediaElement {
    /** Chromium; not in TypeScript's DOM types yet. */
    captureStream?(): MediaStream;
    /** Firefox's prefixed name. */
    mozCaptureStream?(): MediaStream;
  }
}

/** Public-domain clip used when there is no camera, or on request. */
const SAMPLE_CLIP = 'assets/samples/astronaut.webm';
const LOG_LIMIT = 20;
/** Errors that mean "no usable camera": the demo switches to the sample clip. */
const NO_CAMERA_CODES: ReadonlySet<ErrorEventDetail['code']> = new Set(['camera-not-found', 'camera-denied', 'camera-busy']);
/** Errors after which the element has stopped itself. */
const STOPPING_CODES: ReadonlySet<ErrorEventDetail['code']> = new Set([
  'camera-not-found',
  'camera-denied',
  'camera-busy',
  'camera-failed',
  'webgl-unavailable',
]);
/** The element's own blur presets (px at 720p), mirrored on the slider when a preset is picked. */
const BLUR_PRESET_PX: Readonly<Record<string, number>> = BLUR_PRESETS;

// ---------------------------------------------------------------------------------------------
// Elements


const camera = cameraElement();

const form = byId('controls', HTMLFormElement);
const startButton = byId('start', HTMLButtonElement);
const stopButton = byId('stop', HTMLButtonElement);
const sourceButton = byId('source-toggle', HTMLButtonElement);
const statusText = byId('status', HTMLElement);
const mirrorInput = byId('mirror', HTMLInputElement);
const resolutionSelect = byId('resolution', HTMLSelectElement);
const qualitySelect = byId('quality', HTMLSelectElement);
const blurSlider = byId('blur-px', HTMLInputElement);
const blurSliderValue = byId('blur-px-value', HTMLOutputElement);
const colorPicker = byId('color-picker', HTMLInputElement);
const colorValue = byId('color-value', HTMLElement);
const customSwatch = byId('custom-swatch', HTMLElement);
const imageUrlInput = byId('image-url', HTMLInputElement);
const fitSelect = byId('background-fit', HTMLSelectElement);
const videoUrlInput = byId('video-url', HTMLInputElement);
const videoFitSelect = byId('video-fit', HTMLSelectElement);
const outputVideo = byId('output', HTMLVideoElement);
const notice = byId('notice', HTMLElement);
const noticeTitle = byId('notice-title', HTMLElement);
const noticeDetail = byId('notice-detail', HTMLElement);
const logList = byId('log', HTMLOListElement);
const logClearButton = byId('log-clear', HTMLButtonElement);
const stat = {
  input: byId('stat-input', HTMLElement),
  fps: byId('stat-fps', HTMLElement),
  inference: byId('stat-inference', HTMLElement),
  render: byId('stat-render', HTMLElement),
  backend: byId('stat-backend', HTMLElement),
  size: byId('stat-size', HTMLElement),
  isolated: byId('stat-isolated', HTMLElement),
};

/** Listens for one of the element's events, handing over its typed detail. */
function on<K extends keyof VirtualBgCameraEventMap>(
  type: K,
  listener: (detail: VirtualBgCameraEventMap[K]['detail']) => void,
): void {
  camera.addEventListener(type, (event) => listener((event as VirtualBgCameraEventMap[K]).detail));
}

function checkedValue(name: string): string | null {
  return form.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`)?.value ?? null;
}

function check(name: string, value: string): void {
  for (const input of form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${name}"]`)) {
    input.checked = input.value === value;
  }
}

// ---------------------------------------------------------------------------------------------
// Background effect: the form is the single source of truth, written to the element's attributes.

type Mode = 'none' | 'blur' | 'color' | 'image' | 'video';

function setAttribute(name: string, value: string | null): void {
  if (value === null) camera.removeAttribute(name);
  else if (camera.getAttribute(name) !== value) camera.setAttribute(name, value);
}

function blurValue(): string {
  const preset = checkedValue('blur-preset') ?? 'medium';
  return preset === 'custom' ? blurSlider.value : preset;
}

function colorValueNow(): string {
  const swatch = checkedValue('swatch') ?? 'custom';
  return swatch === 'custom' ? colorPicker.value : swatch;
}

function imageValue(): string | null {
  const image = checkedValue('image');
  if (image !== 'url') return image;
  return imageUrlInput.value.trim() || null;
}

/** The video choice: a URL (the bundled clip or the visitor's), `canvas` (a live `backgroundSource`), or none. */
function videoValue(): string | null {
  const video = checkedValue('video');
  if (video !== 'url') return video;
  return videoUrlInput.value.trim() || null;
}

/** The live canvas shown by the "Live canvas" choice: made on first use, stopped when another is picked. */
let canvasBackground: ReturnType<typeof liveCanvas> | null = null;

/** Sets exactly one effect's attributes on the element and removes the others. */
function applyEffect(): void {
  const mode = (checkedValue('mode') ?? 'none') as Mode;
  const video = mode === 'video' ? videoValue() : null;
  setAttribute('blur', mode === 'blur' ? blurValue() : null);
  setAttribute('background-color', mode === 'color' ? colorValueNow() : null);
  setAttribute('background-image', mode === 'image' ? imageValue() : null);
  setAttribute('background-video', video !== 'canvas' ? video : null);
  setAttribute('background-fit', mode === 'image' ? fitSelect.value : mode === 'video' ? videoFitSelect.value : null);
  if (video === 'canvas') canvasBackground ??= liveCanvas();
  camera.backgroundSource = canvasBackground?.stream ?? null;
  if (video !== 'canvas') {
    canvasBackground?.stop();
    canvasBackground = null;
  }
}

function showBlurPx(): void {
  blurSliderValue.value = `${blurSlider.value} px`;
}

/** Moves the slider to a preset's px value; `custom` leaves it where it is. */
function showPresetOnSlider(preset: string): void {
  const px = BLUR_PRESET_PX[preset];
  if (px !== undefined) blurSlider.value = String(px);
  showBlurPx();
}

function showPickerColor(): void {
  colorValue.textContent = colorPicker.value;
  customSwatch.style.setProperty('--swatch', colorPicker.value);
}

/** Using any control inside a mode's panel selects that mode. */
function onControlInput(target: EventTarget | null): void {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  const panelMode = target.closest<HTMLElement>('.mode-panel')?.dataset['mode'];
  if (panelMode) check('mode', panelMode);

  if (target === blurSlider) {
    check('blur-preset', 'custom');
    showBlurPx();
  } else if (target instanceof HTMLInputElement && target.name === 'blur-preset') {
    showPresetOnSlider(target.value);
  } else if (target === colorPicker) {
    check('swatch', 'custom');
    showPickerColor();
  }
  applyEffect();
}

form.addEventListener('input', (event) => {
  // The URLs are applied on change/submit, not on every keystroke (each would start a fetch).
  if (event.target === imageUrlInput || event.target === videoUrlInput) return;
  onControlInput(event.target);
});
for (const [input, name] of [
  [imageUrlInput, 'image'],
  [videoUrlInput, 'video'],
] as const) {
  input.addEventListener('change', () => {
    if (!input.value.trim()) return;
    check(name, 'url');
    onControlInput(input);
  });
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  // The Load button of the panel it sits in.
  const input = event.submitter?.closest('.mode-panel')?.querySelector('input[type="text"]') === videoUrlInput ? videoUrlInput : imageUrlInput;
  if (input.value.trim()) check(input === videoUrlInput ? 'video' : 'image', 'url');
  onControlInput(input);
});

// ---------------------------------------------------------------------------------------------
// Camera options

mirrorInput.checked = camera.mirror;
mirrorInput.addEventListener('change', () => {
  camera.mirror = mirrorInput.checked;
});

qualitySelect.addEventListener('change', () => camera.setAttribute('quality', qualitySelect.value));

resolutionSelect.addEventListener('change', () => {
  const [width, height] = resolutionSelect.value.split('x').map(Number);
  if (!width || !height) return;
  // Both change in one update, so the camera is re-opened once.
  camera.setAttribute('width', String(width));
  camera.setAttribute('height', String(height));
});

// ---------------------------------------------------------------------------------------------
// Edges: refinement, temporal smoothing, light wrap

const refinementInput = byId('edge-refinement', HTMLInputElement);
const softnessSlider = byId('edge-softness', HTMLInputElement);
const softnessValue = byId('edge-softness-value', HTMLOutputElement);
const temporalInput = byId('temporal-smoothing', HTMLInputElement);
const lightWrapInput = byId('light-wrap', HTMLInputElement);

function applyEdges(): void {
  softnessSlider.disabled = !refinementInput.checked;
  softnessValue.value = Number(softnessSlider.value).toFixed(2);
  camera.setAttribute('edge-softness', refinementInput.checked ? softnessSlider.value : '0');
  camera.setAttribute('temporal-smoothing', temporalInput.checked ? 'on' : 'off');
  // On is the element's default (0.3).
  if (lightWrapInput.checked) camera.removeAttribute('light-wrap');
  else camera.setAttribute('light-wrap', '0');
}
for (const input of [refinementInput, softnessSlider, temporalInput, lightWrapInput]) {
  input.addEventListener('input', applyEdges);
}
applyEdges();

// ---------------------------------------------------------------------------------------------
// Run state, start/stop

type RunState = 'starting' | 'running' | 'stopped';

function setRunState(state: RunState, text?: string): void {
  statusText.dataset['state'] = state;
  statusText.textContent = text ?? { starting: 'Starting…', running: 'Running', stopped: 'Stopped' }[state];
  startButton.disabled = state !== 'stopped';
  stopButton.disabled = state === 'stopped';
}

function clearOutput(): void {
  outputVideo.srcObject = null;
}

function resetStats(): void {
  for (const key of ['fps', 'inference', 'render', 'backend', 'size'] as const) stat[key].textContent = '—';
}

startButton.addEventListener('click', () => {
  if (inputMode === 'sample') void useSample();
  else void useCamera();
});

stopButton.addEventListener('click', () => {
  sampleLoad++; // abandon a sample clip that is still loading
  camera.stop();
  clearOutput();
  resetStats();
  setRunState('stopped');
});

// ---------------------------------------------------------------------------------------------
// Input: the camera, or the bundled sample clip handed in as `source`

interface Sample {
  readonly video: HTMLVideoElement;
  readonly stream: MediaStream;
}

let inputMode: 'camera' | 'sample' = 'camera';
let sample: Promise<Sample> | null = null;
/** Bumped whenever the input changes, so a slow sample load that is no longer wanted is dropped. */
let sampleLoad = 0;

async function openSample(): Promise<Sample> {
  const video = document.createElement('video');
  video.muted = true;
  video.loop = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = SAMPLE_CLIP;
  try {
    await video.play();
    const stream = video.captureStream?.() ?? video.mozCaptureStream?.();
    if (!stream) throw new Error('this browser cannot capture a stream from a <video>');
    return { video, stream };
  } catch (error) {
    releaseVideo(video);
    throw error;
  }
}

function releaseVideo(video: HTMLVideoElement): void {
  video.pause();
  video.removeAttribute('src');
  video.load();
}

function closeSample(): void {
  const closing = sample;
  sample = null;
  void closing?.then(
    ({ video, stream }) => {
      for (const track of stream.getTracks()) track.stop();
      releaseVideo(video);
    },
    () => undefined,
  );
}

function showNotice(title: string, detail: string): void {
  noticeTitle.textContent = title;
  noticeDetail.textContent = detail;
  notice.hidden = false;
}

function hideNotice(): void {
  notice.hidden = true;
}

function showInputMode(): void {
  sourceButton.textContent = inputMode === 'sample' ? 'Use camera' : 'Use sample clip';
  stat.input.textContent = inputMode === 'sample' ? 'Sample clip' : 'Camera';
}

/** Processes the sample clip instead of the camera (the element is given it as `source`). */
async function useSample(noCamera = false): Promise<void> {
  const load = ++sampleLoad;
  inputMode = 'sample';
  showInputMode();
  camera.stop();
  clearOutput();
  resetStats();
  setRunState('starting', 'Loading sample clip…');
  let stream: MediaStream;
  try {
    sample ??= openSample();
    ({ stream } = await sample);
  } catch (error) {
    sample = null;
    if (load !== sampleLoad) return;
    const reason = error instanceof Error ? error.message : String(error);
    const title = noCamera ? 'No camera found, and the sample clip could not be played' : 'The sample clip could not be played';
    showNotice(title, `${SAMPLE_CLIP}: ${reason}`);
    setRunState('stopped');
    return;
  }
  if (load !== sampleLoad) return;
  camera.source = stream;
  // Let the element take in `source` before starting, so it is not re-opened right after.
  await camera.updateComplete;
  if (load !== sampleLoad) return;
  await camera.start();
}

/** Goes back to the camera: clears `source`, then restarts the element. */
async function useCamera(): Promise<void> {
  const load = ++sampleLoad;
  inputMode = 'camera';
  showInputMode();
  hideNotice();
  camera.stop();
  clearOutput();
  resetStats();
  camera.source = null;
  closeSample();
  setRunState('starting');
  await camera.updateComplete;
  if (load !== sampleLoad) return;
  await camera.start();
}

sourceButton.addEventListener('click', () => {
  if (inputMode === 'sample') {
    void useCamera();
  } else {
    showNotice('Showing a sample clip', 'Public-domain footage, processed exactly like a camera would be.');
    void useSample();
  }
});

// ---------------------------------------------------------------------------------------------
// Element events

on('track', ({ track }: TrackEventDetail) => {
  outputVideo.srcObject = new MediaStream([track]);
  outputVideo.play().catch(() => undefined);
  setRunState('running', 'Warming up…');
});

on('ready', () => {
  setRunState('running');
});

on('stats', (stats: StatsEventDetail) => {
  stat.fps.textContent = `${stats.fps.toFixed(1)} fps`;
  stat.inference.textContent = stats.inferenceMs > 0 ? `${stats.inferenceMs.toFixed(1)} ms` : '— (no inference)';
  stat.render.textContent = `${stats.renderMs.toFixed(1)} ms`;
  stat.backend.textContent = stats.backend
    ? `${stats.backend} · SIMD ${stats.simd ? 'on' : 'off'} · ${stats.threads} thread${stats.threads === 1 ? '' : 's'}`
    : 'loading model…';
  stat.size.textContent = stats.width && stats.height ? `${stats.width} × ${stats.height}` : '—';
  // Let the preview box follow the real frame shape (4:3 or 16:9).
  if (stats.width && stats.height) camera.style.aspectRatio = `${stats.width} / ${stats.height}`;
});

on('error', (detail: ErrorEventDetail) => {
  logError(detail);
  if (STOPPING_CODES.has(detail.code) && !camera.track) {
    clearOutput();
    resetStats();
    setRunState('stopped');
  }
  if (!NO_CAMERA_CODES.has(detail.code)) return;
  if (inputMode === 'camera') {
    showNotice('No camera found: showing a sample clip', describeCameraError(detail.code));
    void useSample(true);
  } else {
    showNotice('The sample clip could not be processed', detail.message);
  }
});

function describeCameraError(code: ErrorEventDetail['code']): string {
  switch (code) {
    case 'camera-denied':
      return 'Camera access was blocked. Allow it in the address bar, then press “Use camera”.';
    case 'camera-busy':
      return 'The camera is in use by another app. Close it, then press “Use camera”.';
    default:
      return 'Connect a camera, then press “Use camera”.';
  }
}

// ---------------------------------------------------------------------------------------------
// Error log

function logError({ code, message }: ErrorEventDetail): void {
  logList.querySelector('.empty')?.remove();
  const item = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString();
  const codeText = document.createElement('code');
  codeText.textContent = code;
  const messageText = document.createElement('span');
  messageText.textContent = message;
  item.append(time, codeText, messageText);
  logList.prepend(item);
  while (logList.children.length > LOG_LIMIT) logList.lastElementChild?.remove();
}

function clearLog(): void {
  const empty = document.createElement('li');
  empty.className = 'empty';
  empty.textContent = 'None so far.';
  logList.replaceChildren(empty);
}

logClearButton.addEventListener('click', clearLog);

// ---------------------------------------------------------------------------------------------
// Initial state. The element started itself when it was defined; a page restored from history
// may have different form values than the markup, so write the form's effect to it now.

stat.isolated.textContent = crossOriginIsolated ? 'yes' : 'no (WASM threads unavailable)';
blurSlider.max = String(MAX_BLUR_PX);
showPresetOnSlider(checkedValue('blur-preset') ?? 'custom');
showPickerColor();
showInputMode();
applyEffect();
setRunState(camera.track ? 'running' : 'starting');
