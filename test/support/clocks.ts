/** The real timer, captured at load: a test that stops the page's clocks still needs one. */
const realSetTimeout = window.setTimeout.bind(window);

/** Resolves after `ms` on the real timer, whatever `stopPageClocks` did. */
export function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/**
 * What a hidden tab does to the page's usual frame clocks, at its most extreme: from now until
 * the returned `restore()`, `requestAnimationFrame`, `setTimeout`, `setInterval` and (with
 * `videoCallbacks`) `requestVideoFrameCallback` never fire.
 */
export function stopPageClocks(videoCallbacks = true): () => void {
  const saved = {
    raf: window.requestAnimationFrame,
    setTimeout: window.setTimeout,
    setInterval: window.setInterval,
    rvfc: HTMLVideoElement.prototype.requestVideoFrameCallback,
  };
  const never = (() => 0) as never;
  window.requestAnimationFrame = never;
  window.setTimeout = never;
  window.setInterval = never;
  if (videoCallbacks) HTMLVideoElement.prototype.requestVideoFrameCallback = never;
  return () => {
    window.requestAnimationFrame = saved.raf;
    window.setTimeout = saved.setTimeout;
    window.setInterval = saved.setInterval;
    HTMLVideoElement.prototype.requestVideoFrameCallback = saved.rvfc;
  };
}
