import type { OutputTarget } from '../../shared/protocol.js';
import type { PipelinePaths } from '../../shared/stats.js';

/**
 * The output track, on the page, and where the pipeline puts frames for it. Chosen by what
 * the browser has, never by its name:
 * - a `MediaStreamTrackGenerator` (Chromium): the pipeline writes frames to its writable side;
 * - with a worker compositor, a `bitmaprenderer` canvas shown each bitmap the worker sends.
 *   (Firefox refuses to transfer a captured canvas; WebKit allows it, but what its capture
 *   then carries could not be shown to be only our frames, so neither uses it.)
 * - with a page compositor, the WebGL canvas itself.
 * All but the first are the canvas's `captureStream()`. The track outlives input switches, so a
 * call's sender keeps working.
 */
export interface OutputTrack {
  readonly track: MediaStreamTrack;
  readonly target: OutputTarget;
  readonly transfer: Transferable[];
  /** The page compositor's canvas, for the `canvas` target. */
  readonly canvas: HTMLCanvasElement | null;
  /** Shows a frame the worker drew (the `bitmaps` target); takes ownership. */
  show(bitmap: ImageBitmap): void;
}

export function createOutputTrack(compositor: PipelinePaths['compositor']): OutputTrack {
  if (typeof MediaStreamTrackGenerator === 'function') {
    const generator = new MediaStreamTrackGenerator({ kind: 'video' });
    const writable = generator.writable;
    return { track: generator, target: { kind: 'writable', writable }, transfer: [writable], canvas: null, show: closeBitmap };
  }
  const canvas = document.createElement('canvas');
  if (compositor === 'page') {
    return { track: captureTrack(canvas), target: { kind: 'canvas' }, transfer: [], canvas, show: closeBitmap };
  }
  const context = canvas.getContext('bitmaprenderer');
  if (!context) throw new Error('This browser has no bitmaprenderer canvas.');
  return {
    track: captureTrack(canvas),
    target: { kind: 'bitmaps' },
    transfer: [],
    canvas: null,
    show(bitmap) {
      // The captured size is the canvas's: follow the frame's.
      if (canvas.width !== bitmap.width) canvas.width = bitmap.width;
      if (canvas.height !== bitmap.height) canvas.height = bitmap.height;
      context.transferFromImageBitmap(bitmap);
    },
  };
}

function captureTrack(canvas: HTMLCanvasElement): MediaStreamTrack {
  const track = canvas.captureStream().getVideoTracks()[0];
  if (!track) throw new Error('The canvas could not be captured.');
  return track;
}

function closeBitmap(bitmap: ImageBitmap): void {
  bitmap.close();
}
