/**
 * A canvas the compositor can draw on in this engine: an `OffscreenCanvas` where it gets
 * WebGL2 (Chromium, Firefox), otherwise a page canvas (WebKit by default has no WebGL2 in an
 * `OffscreenCanvas`, which is why the element then composites on a page canvas too).
 */
export function compositorCanvas(width = 1, height = 1): OffscreenCanvas | HTMLCanvasElement {
  const offscreen = new OffscreenCanvas(width, height);
  if (offscreen.getContext('webgl2')) return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}
