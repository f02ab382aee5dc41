/**
 * Runs the real pipeline worker, with two test controls around its WebGL context:
 * - a worker named `... no-webgl` gets no WebGL at all (as on a machine without it);
 * - `{ probe: 'lose' | 'restore' | 'state' }` loses or restores the pipeline's context through
 *   `WEBGL_lose_context`, and replies `{ probe: 'state', lost }`.
 */
import '../../src/pipeline/host/pipeline.worker.js';

const contexts: WebGL2RenderingContext[] = [];
/** Kept from before the loss: a lost context hands out no extensions. */
let loser: WEBGL_lose_context | null = null;
const getContext = OffscreenCanvas.prototype.getContext as (this: OffscreenCanvas, type: string, options?: unknown) => unknown;
const noWebgl = self.name.includes('no-webgl');

OffscreenCanvas.prototype.getContext = function (this: OffscreenCanvas, type: string, options?: unknown) {
  if (noWebgl && type.startsWith('webgl')) return null;
  const context = getContext.call(this, type, options);
  if (type === 'webgl2' && context) contexts.push(context as WebGL2RenderingContext);
  return context;
} as typeof OffscreenCanvas.prototype.getContext;

self.addEventListener('message', (event: MessageEvent<{ probe?: 'lose' | 'restore' | 'state' }>) => {
  const probe = event.data?.probe;
  if (!probe) return;
  // pixi also makes 1x1 test contexts; the pipeline's own is the one sized to the frame.
  const context = contexts.reduce<WebGL2RenderingContext | undefined>(
    (best, c) => (!best || c.canvas.width > best.canvas.width ? c : best),
    undefined,
  );
  if (probe === 'lose') {
    loser = context?.getExtension('WEBGL_lose_context') ?? null;
    loser?.loseContext();
  } else if (probe === 'restore') {
    loser?.restoreContext();
  }
  self.postMessage({ probe: 'state', lost: context ? context.isContextLost() : null });
});
