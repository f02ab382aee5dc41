/**
 * A clock for the `<video>` input path. Page clocks (`requestVideoFrameCallback`, timers)
 * stop or slow down in a hidden tab; a dedicated worker's timer keeps running, and its
 * messages still reach the page. Send an interval in ms to start ticking, 0 to stop.
 */
let timer: ReturnType<typeof setInterval> | undefined;

self.addEventListener('message', (event: MessageEvent<number>) => {
  clearInterval(timer);
  timer = event.data > 0 ? setInterval(() => self.postMessage(0), event.data) : undefined;
});
