import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ErrorCode, ErrorEventDetail, VirtualBgCamera } from '../src/components/virtual-bg-camera/virtual-bg-camera.js';

declare global {
  interface HTMLMediaElement {
    /** Chromium and Safari; not in TypeScript's DOM types yet. */
    captureStream?(): MediaStream;
    /** Firefox's prefixed name. */
    mozCaptureStream?(): MediaStream;
  }
}

/** Bundled public-domain clip (assets/samples/README.md), served from the repo's assets/ folder. */
export const SAMPLE_CLIP = 'assets/samples/astronaut.webm';

/** Errors meaning "no usable camera". The element has stopped itself after each of them. */
const NO_CAMERA_CODES: ReadonlySet<ErrorCode> = new Set(['camera-not-found', 'camera-denied', 'camera-busy']);

/** Story parameter: set to `false` to keep a camera error on screen instead of playing the clip. */
export interface SampleClipParameters {
  readonly sampleClip?: boolean;
}

/** Clips playing for the mounted story. `releaseSampleClips` stops them when it unmounts. */
const playing = new Set<{ video: HTMLVideoElement; stream: MediaStream }>();

/**
 * Lets every story run on a machine without a camera: when the element reports that there is
 * no usable camera, it is switched to the bundled sample clip through its `source` property.
 * Every `error` is also written under the preview, so a story's failure is visible.
 */
export const withSampleClipFallback: Decorator = (story, context) => {
  const { sampleClip = true } = context.parameters as SampleClipParameters;

  const onError = (event: Event): void => {
    const camera = event.target;
    const note = (event.currentTarget as HTMLElement).querySelector('output');
    if (!(event instanceof CustomEvent) || !(camera instanceof HTMLElement) || camera.localName !== 'virtual-bg-camera') {
      return;
    }
    const { code, message } = event.detail as ErrorEventDetail;
    const element = camera as VirtualBgCamera;
    const say = (text: string): void => {
      if (note) note.textContent = text;
    };
    if (!NO_CAMERA_CODES.has(code) || element.source) {
      say(`error ${code}: ${message}`);
      return;
    }
    if (!sampleClip) {
      say(`error ${code}: ${message} The element has stopped; this story keeps the error on screen instead of switching to the sample clip.`);
      return;
    }
    say(`No usable camera (${code}). Playing the bundled sample clip ${SAMPLE_CLIP} instead.`);
    playSampleClip(element).catch((error: unknown) => {
      say(`No usable camera (${code}), and the sample clip failed too: ${String(error)}`);
    });
  };

  // `error` does not bubble, so listen in the capture phase, which still passes through here.
  return html`<div @error=${{ handleEvent: onError, capture: true }}>
    ${story()}
    <p><output aria-live="polite"></output></p>
  </div>`;
};

/** Stops the clips the fallback started; runs when the story unmounts. */
export const releaseSampleClips = (): (() => void) => () => {
  for (const clip of playing) release(clip);
  playing.clear();
};

function release({ video, stream }: { video: HTMLVideoElement; stream?: MediaStream }): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
  video.pause();
  video.removeAttribute('src');
  video.load();
}

/**
 * Makes `getUserMedia` reject as if the user refused the camera, for one story. The real
 * method is restored when the story unmounts.
 */
export const denyCamera = (): (() => void) | undefined => {
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  if (!devices) return undefined; // No camera API at all: the element reports camera-not-found.
  const own = Object.getOwnPropertyDescriptor(devices, 'getUserMedia');
  Object.defineProperty(devices, 'getUserMedia', {
    configurable: true,
    writable: true,
    value: () => Promise.reject(new DOMException('Permission denied (simulated by the story).', 'NotAllowedError')),
  });
  return () => {
    if (own) Object.defineProperty(devices, 'getUserMedia', own);
    else Reflect.deleteProperty(devices, 'getUserMedia'); // Uncovers MediaDevices.prototype.getUserMedia.
  };
};

async function playSampleClip(camera: VirtualBgCamera): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.loop = true;
  video.playsInline = true;
  video.src = SAMPLE_CLIP;
  try {
    await video.play();
  } catch (error) {
    release({ video });
    throw error;
  }
  const stream = video.captureStream?.() ?? video.mozCaptureStream?.();
  if (!stream || !camera.isConnected) {
    // No capture support, or the story unmounted while the clip was loading.
    release({ video, stream });
    if (!stream) throw new Error('This browser cannot capture a stream from a <video>.');
    return;
  }
  playing.add({ video, stream });
  camera.source = stream;
  await camera.updateComplete; // Apply `source` first, so start() opens it once.
  await camera.start();
}
