import type { OutputTarget, PageCanvasOutput } from '../../shared/protocol.js';
import type { PipelinePaths } from '../../shared/stats.js';

/**
 * The output track, on the page, and where the pipeline puts frames for it. Chosen by what
 * the browser has, never by its name:
 * - a `MediaStreamTrackGenerator` (Chromium): the pipeline writes frames to its writable side;
 * - with a worker compositor, a `bitmaprenderer` canvas shown each bitmap the worker sends.
 *   (Firefox refuses to transfer a captured canvas; WebKit allows it, but what its capture
 *   then carries could not be shown to be only our frames, so neither uses it.)
 * - with a page compositor, the WebGL canvas itself.
 * All but the first are the canvas's capture, which takes a frame only when asked, right
 * after one is drawn: never the blank canvas before the first frame or one cleared by a
 * resize (WebKit's capture otherwise sent black frames). The track outlives input switches,
 * so a call's sender keeps working.
 */
export interface OutputTrack {
  readonly track: MediaStreamTrack;
  readonly target: OutputTarget;
  readonly transfer: Transferable[];
  /** The page compositor's canvas output, for the `canvas` target. */
  readonly pageOutput: PageCanvasOutput | null;
  /** Shows a frame the worker drew (the `bitmaps` target); takes ownership. */
  show(bitmap: ImageBitmap): void;
}

export function createOutputTrack(compositor: PipelinePaths['compositor']): OutputTrack {
  if (typeof MediaStreamTrackGenerator === 'function') {
    const generator = new MediaStreamTrackGenerator({ kind: 'video' });
    const writable = generator.writable;
    return { track: generator, target: { kind: 'writable', writable }, transfer: [writable], pageOutput: null, show: closeBitmap };
  }
  const canvas = document.createElement('canvas');
  const { track, requestFrame } = captureOnRequest(canvas);
  if (compositor === 'page') {
    return { track, target: { kind: 'canvas' }, transfer: [], pageOutput: { canvas, publish: requestFrame }, show: closeBitmap };
  }
  const context = canvas.getContext('bitmaprenderer');
  if (!context) throw new Error('This browser has no bitmaprenderer canvas.');
  return {
    track,
    target: { kind: 'bitmaps' },
    transfer: [],
    pageOutput: null,
    show(bitmap) {
      // The captured size is the canvas's: follow the frame's.
      if (canvas.width !== bitmap.width) canvas.width = bitmap.width;
      if (canvas.height !== bitmap.height) canvas.height = bitmap.height;
      context.transferFromImageBitmap(bitmap);
      requestFrame();
    },
  };
}

/**
 * The canvas's capture track and the way to put the canvas's current picture on it: a
 * capture at rate 0 and `requestFrame()`, on the track (Chromium, WebKit) or on the stream
 * (Firefox). Where neither exists, a capture that follows the canvas's changes.
 */
function captureOnRequest(canvas: HTMLCanvasElement): { track: MediaStreamTrack; requestFrame: () => void } {
  const onTrack = typeof CanvasCaptureMediaStreamTrack === 'function' && 'requestFrame' in CanvasCaptureMediaStreamTrack.prototype;
  const streamClass = (globalThis as { CanvasCaptureMediaStream?: (abstract new () => MediaStream) & { prototype: object } }).CanvasCaptureMediaStream;
  const onStream = typeof streamClass === 'function' && 'requestFrame' in streamClass.prototype;
  const stream = canvas.captureStream(onTrack || onStream ? 0 : undefined);
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('The canvas could not be captured.');
  if (onTrack) return { track, requestFrame: () => (track as CanvasCaptureMediaStreamTrack).requestFrame() };
  if (onStream) return { track, requestFrame: () => (stream as MediaStream & { requestFrame(): void }).requestFrame() };
  return { track, requestFrame: () => undefined };
}

function closeBitmap(bitmap: ImageBitmap): void {
  bitmap.close();
}
