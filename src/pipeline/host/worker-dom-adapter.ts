import type { Adapter } from 'pixi.js';

/**
 * pixi's DOM access inside the pipeline worker. pixi's own `WebWorkerAdapter` is the same
 * except for images (none in a worker) and `parseXML`, which bundles an XML parser (@xmldom, ~15 KB gzip) for bitmap
 * fonts and SVG; the compositor draws neither, so here XML is refused instead.
 */
export const workerDomAdapter: Adapter = {
  createCanvas: (width, height) => new OffscreenCanvas(width ?? 0, height ?? 0),
  createImage: () => {
    throw new Error('No HTMLImageElement in a worker: pass an ImageBitmap.');
  },
  getCanvasRenderingContext2D: () => OffscreenCanvasRenderingContext2D,
  getWebGLRenderingContext: () => WebGLRenderingContext,
  getNavigator: () => navigator,
  getBaseUrl: () => globalThis.location.href,
  getFontFaceSet: () => (self as unknown as { fonts?: FontFaceSet }).fonts ?? null,
  fetch: (url, options) => fetch(url, options),
  parseXML: () => {
    throw new Error('XML parsing is not bundled in the pipeline worker.');
  },
};
