import { expect } from '@open-wc/testing';
import { cameraPlaysClipInEachTest, personSource } from '../support/clip.js';
import { realDelay, stopPageClocks } from '../support/clocks.js';
import { mountElement, openCamera, removeAllElements, settle, spyOnCamera, waitFor } from '../support/element.js';
import { slowModelUrl, WEBCAM } from '../support/media.js';
import { everyFrame, meanColor, readFrame, TrackReader } from '../support/pixels.js';
import { stripeContrast, stripesStream } from '../support/stripes.js';
import { watchWorkers, withoutTrackProcessors, workerHasWebgl2 } from '../support/workers.js';

function trackOf(element: HTMLElement & { track: MediaStreamTrack | null }): Promise<MediaStreamTrack> {
  return element.track
    ? Promise.resolve(element.track)
    : new Promise((resolve) => element.addEventListener('track', (e) => resolve((e as CustomEvent).detail.track), { once: true }));
}

describe('<virtual-bg-camera> fails closed', () => {
  afterEach(removeAllElements);

  it('never shows the raw background while the model loads (every output frame checked)', async () => {
    const stripes = stripesStream();
    const mounted = mountElement({ blur: 'strong', model: slowModelUrl() }, stripes.stream);
    const track = await trackOf(mounted.element);
    const contrasts: number[] = [];
    let loading = true;
    let framesWhileLoading = 0;
    const ready = mounted.nextReady().then(() => {
      loading = false;
      return settle(1000);
    });
    await everyFrame(track, ready, (frame) => {
      contrasts.push(stripeContrast(frame));
      if (loading) framesWhileLoading++;
    });
    stripes.stop();
    // Reading back every frame is slow here, so not all are seen; enough of the 3 s window is.
    expect(framesWhileLoading, 'frames checked while the model was still loading').to.be.at.least(10);
    expect(Math.max(...contrasts), `worst of ${contrasts.length} frames' stripe contrast (raw ≈ 255)`).to.be.lessThan(25);
  });

  it('paints only the colour while the model loads', async () => {
    const stripes = stripesStream();
    const mounted = mountElement({ 'background-color': '#0000ff', model: slowModelUrl() }, stripes.stream);
    const track = await trackOf(mounted.element);
    let worst = 0;
    let worstFrame = '';
    let frames = 0;
    const ready = mounted.nextReady().then(() => settle(500));
    await everyFrame(track, ready, (frame) => {
      frames++;
      const [r, g, b] = meanColor(frame, { x: 0, y: 0, width: 640, height: 480 });
      const deviation = Math.max(r, g, 255 - b);
      if (deviation > worst) {
        worst = deviation;
        worstFrame = `frame ${frames} (${frame.width}x${frame.height}): mean rgb(${[r, g, b].map(Math.round).join(', ')})`;
      }
    });
    stripes.stop();
    expect(worst, `largest deviation from pure blue, at ${worstFrame}`).to.be.lessThan(12);
  });
});

describe('<virtual-bg-camera> device faults', () => {
  afterEach(removeAllElements);
  cameraPlaysClipInEachTest();

  it('camera unplugged: camera-ended, retried on devicechange, same output track', async () => {
    const camera = spyOnCamera();
    const mounted = mountElement({ 'background-color': '#00ff00' });
    const track = await mounted.nextReady();
    camera.streams[0]!.getVideoTracks()[0]!.stop(); // what an unplugged device looks like to the page
    const error = await mounted.errorOf('camera-ended');
    expect(error.message).to.contain('Retrying');
    expect(track.readyState, 'the call keeps its track').to.equal('live');

    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await waitFor(() => camera.streams.length >= 2, 'the camera re-opened');
    expect(camera.streams.length, 'camera re-opened').to.equal(2);
    expect(mounted.element.track).to.equal(track);
    const reader = new TrackReader(track);
    const [, green] = meanColor(await reader.read(), WEBCAM.topLeft);
    expect(green, 'frames flow again with the effect').to.be.greaterThan(230);
    reader.close();
    camera.restore();
  });

  it('a page-owned source that ends: camera-ended, and a new source resumes on the same track', async () => {
    const first = await openCamera();
    const mounted = mountElement({ 'background-color': '#00ff00' }, first);
    const track = await mounted.nextReady();
    first.getTracks().forEach((t) => t.stop());
    expect((await mounted.errorOf('camera-ended')).message).to.contain('source');
    const second = await openCamera();
    mounted.element.source = second;
    await settle(1500);
    expect(mounted.element.track).to.equal(track);
    const [, green] = meanColor(await readFrame(track), WEBCAM.topLeft);
    expect(green).to.be.greaterThan(230);
    second.getTracks().forEach((t) => t.stop());
  });

  it('WebGL context lost and restored: recovers on the same output track (skipped where workers lack WebGL2: the probe drives the worker\'s context)', async function () {
    if (!(await workerHasWebgl2())) this.skip();
    const workers = watchWorkers({ probe: true });
    const source = await personSource(); // the person must be drawn again
    let mounted: ReturnType<typeof mountElement>;
    let track: MediaStreamTrack;
    try {
      mounted = mountElement({ 'background-color': '#00ff00' }, source);
      track = await mounted.nextReady();
      expect(await workers.probe('lose'), 'context lost').to.equal(true);
      await settle(500);
      await workers.probe('restore');
      await settle(1500);
      expect(await workers.probe('state'), 'context restored').to.equal(false);
    } finally {
      workers.restore();
    }
    expect(mounted.element.track).to.equal(track);
    expect(track.readyState).to.equal('live');
    const frame = await readFrame(track);
    const [r, green, b] = meanColor(frame, WEBCAM.topLeft);
    expect([green > 230, r + b < 30], 'effect drawn again').to.deep.equal([true, true]);
    const [, faceGreen] = meanColor(frame, WEBCAM.face);
    expect(faceGreen, 'the person is drawn again, not just colour').to.be.lessThan(200);
  });
});

describe('<virtual-bg-camera> in a hidden tab', () => {
  afterEach(removeAllElements);
  cameraPlaysClipInEachTest();

  /** Starts the element (with `videoInput`, without `MediaStreamTrackProcessor`); resolves to its track. */
  async function startColour(videoInput: boolean): Promise<MediaStreamTrack> {
    const restoreProcessors = videoInput ? withoutTrackProcessors() : () => undefined;
    try {
      return await mountElement({ 'background-color': '#00ff00' }).nextReady();
    } finally {
      restoreProcessors();
    }
  }

  /**
   * Stops the usual frame clocks (rAF, timers and, with `videoCallbacks`, video frame
   * callbacks: they never fire), then checks that the element still starts and produces
   * frames from the 15 fps camera, with the effect, as many as with every clock running: every
   * camera frame where the engine keeps up here (Chromium), else at least 3/4 of what the same
   * element managed just before with its clocks. With `videoInput`, the element starts without
   * `MediaStreamTrackProcessor`, as in Firefox and Safari, so frames come from a `<video>`.
   */
  async function framesWithClocksStopped(videoCallbacks: boolean, videoInput = false): Promise<void> {
    const running = await everyFrame(await startColour(videoInput), settle(2000), () => undefined);
    removeAllElements();
    expect(running, `with every clock running: ${running} frames in 2 s`).to.be.at.least(4);
    const expected = Math.min(24, Math.floor(0.75 * running));
    const restoreClocks = stopPageClocks(videoCallbacks);
    try {
      // The model loads and the first masked frame is drawn without any of those clocks...
      const track = await startColour(videoInput);
      // ...and frames keep coming: count them over 2 s, timed by the test's own saved clock.
      const twoSeconds = realDelay(2000);
      let greenFrames = 0;
      const frames = await everyFrame(track, twoSeconds, (frame) => {
        if (meanColor(frame, WEBCAM.topLeft)[1] > 230) greenFrames++;
      });
      expect(frames, `${frames} frames in 2 s from a 15 fps camera (${running} with clocks running)`).to.be.at.least(expected);
      expect(greenFrames, 'all with the effect applied').to.equal(frames);
    } finally {
      restoreClocks();
    }
  }

  // What a hidden tab does to the usual frame clocks, at its most extreme: they never fire.
  // Without MediaStreamTrackProcessor (Firefox, Safari) a worker's clock takes over.
  it('keeps producing frames when rAF, timers and video frame callbacks never fire', () =>
    framesWithClocksStopped(true));

  // In Chromium, the same on the <video> input path that Firefox and Safari take.
  if (typeof MediaStreamTrackProcessor === 'function') {
    it('keeps producing frames from a <video> input when rAF, timers and video frame callbacks never fire', () =>
      framesWithClocksStopped(true, true));
  }

  it('keeps producing frames when rAF and timers never fire', () => framesWithClocksStopped(false));
});
