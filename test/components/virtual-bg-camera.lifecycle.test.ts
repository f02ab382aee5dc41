import { expect } from '@open-wc/testing';
import type { StatsEventDetail } from '../../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { clipAsCamera } from '../support/clip.js';
import { nextEvent, removeAllElements, settle, spyOnCamera, startElement } from '../support/element.js';
import { WEBCAM } from '../support/media.js';
import { meanColor, readFrame, readUntil, TrackReader } from '../support/pixels.js';
import { elementWorkerNames, watchWorkers, workerHasWebgl2 } from '../support/workers.js';

describe('<virtual-bg-camera> lifecycle', () => {
  let camera: ReturnType<typeof spyOnCamera>;
  let clipCamera: ReturnType<typeof clipAsCamera> | undefined;

  beforeEach(() => (camera = spyOnCamera()));
  afterEach(() => {
    removeAllElements();
    camera.restore();
    clipCamera?.restore();
    clipCamera = undefined;
  });

  /** From here on the camera plays the webcam clip, in every engine (still spied on). */
  function cameraPlaysClip(): void {
    camera.restore();
    clipCamera = clipAsCamera();
    camera = spyOnCamera();
  }

  it('switches effects live on the same track, without re-opening the camera', async () => {
    cameraPlaysClip(); // the room (not green) must show again with no effect
    const { element, track } = await startElement({ blur: 'light' });
    let trackEvents = 0;
    element.addEventListener('track', () => trackEvents++);
    const reader = new TrackReader(track);
    // The corner of the first frame that shows `done`, or of the last one read within 5 s.
    const corner = async (done: (rgb: [number, number, number]) => boolean) =>
      meanColor(await readUntil(reader, (frame) => done(meanColor(frame, WEBCAM.topLeft))), WEBCAM.topLeft);

    element.setAttribute('background-color', '#00ff00');
    const [, green] = await corner(([, g]) => g > 230);
    expect(green, 'colour wins over blur').to.be.greaterThan(230);

    element.setAttribute('background-color', '#ff00ff');
    const [r, g, b] = await corner(([r, g, b]) => r > 230 && g < 30 && b > 230);
    expect([r > 230, g < 30, b > 230], 'colour changes live').to.deep.equal([true, true, true]);

    element.removeAttribute('background-color');
    element.removeAttribute('blur');
    const [, passthroughGreen] = await corner(([, g]) => g < 200);
    expect(passthroughGreen, 'no effect: the room shows again').to.be.lessThan(200);

    expect(trackEvents, 'no new track event').to.equal(0);
    expect(element.track).to.equal(track);
    expect(track.readyState).to.equal('live');
    expect(camera.streams.length, 'camera opened once').to.equal(1);
    reader.close();
  });

  it('re-opens the camera when a constraint changes, keeping the output track', async () => {
    const { element, track } = await startElement({ 'background-color': '#00ff00' });
    element.setAttribute('width', '320');
    element.setAttribute('height', '240');
    await settle(1000);
    expect(camera.streams.length).to.equal(2);
    expect(camera.liveTracks().length, 'the first camera stream was released').to.equal(1);
    expect(element.track).to.equal(track);
    const frame = await readFrame(track);
    expect([frame.width, frame.height]).to.deep.equal([320, 240]);
  });

  it('opens the camera with the constraints set in the markup', async () => {
    const { track } = await startElement({ width: '320', height: '240', 'background-color': '#00ff00' });
    const frame = await readFrame(track);
    expect([frame.width, frame.height]).to.deep.equal([320, 240]);
    expect(camera.streams.length, 'opened once, with those constraints').to.equal(1);
  });

  it('stop() releases the camera and ends the track; start() brings a new one', async () => {
    const { element, track } = await startElement({ blur: 'medium' });
    element.stop();
    expect(track.readyState).to.equal('ended');
    expect(camera.liveTracks()).to.have.length(0);
    expect(element.track).to.equal(null);

    const nextTrack = nextEvent<CustomEvent<{ track: MediaStreamTrack }>>(element, 'track');
    await element.start();
    const { detail } = await nextTrack;
    expect(detail.track.readyState).to.equal('live');
    expect(detail.track).not.to.equal(track);
    expect(camera.liveTracks()).to.have.length(1);
  });

  it('removal from the DOM releases camera, output track, workers and WebGL context', async () => {
    // Where workers have no WebGL2 the compositor runs on the page, and the probe (which asks
    // the pipeline worker about its context) has nothing to ask.
    const webglInWorkers = await workerHasWebgl2();
    const workers = watchWorkers({ probe: true });
    try {
      const { element, track } = await startElement({ blur: 'medium' });
      if (webglInWorkers) expect(await workers.probe('state'), 'the pipeline has a live WebGL context').to.equal(false);
      const started = [...workers.workers];
      expect(started.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());

      element.remove();
      expect(track.readyState).to.equal('ended');
      expect(camera.liveTracks()).to.have.length(0);
      // Ending the workers frees everything they held: WebGL context, model weights, tensors, wasm memory.
      expect(started.every((w) => w.terminated), 'every worker it started terminated').to.equal(true);
    } finally {
      workers.restore();
    }
  });

  it('keeps the tensor count constant over many frames and reports stats', async () => {
    const { element } = await startElement({ blur: 'medium' });
    const first = (await nextEvent<CustomEvent<StatsEventDetail>>(element, 'stats')).detail;
    await settle(3000);
    const later = (await nextEvent<CustomEvent<StatsEventDetail>>(element, 'stats')).detail;
    expect(first.tensors, 'the model is loaded').to.be.greaterThan(0);
    expect(later.tensors).to.equal(first.tensors);
    expect(later.fps).to.be.greaterThan(5);
    // How often it segments depends on load (quality=auto); that it does is what counts here.
    expect(later.inferenceFps).to.be.within(0.5, later.fps + 0.5);
    expect(later.backend).to.equal('wasm');
    expect(later.inferenceMs).to.be.greaterThan(0);
    expect([later.width, later.height]).to.deep.equal([640, 480]);
  });

  it('releases a camera that opens after the element was already removed', async () => {
    // The permission prompt is up (getUserMedia pending) when the element is removed.
    const devices = navigator.mediaDevices;
    const recording = devices.getUserMedia;
    let called!: () => void;
    const wasCalled = new Promise<void>((resolve) => (called = resolve));
    devices.getUserMedia = async function (this: MediaDevices, constraints?: MediaStreamConstraints) {
      called();
      await settle(500);
      return recording.call(this, constraints);
    };
    try {
      const element = document.createElement('virtual-bg-camera');
      document.body.append(element);
      await wasCalled;
      element.remove();
      await settle(1500);
      expect(camera.streams.length, 'the camera did open, after removal').to.equal(1);
      expect(camera.liveTracks(), 'and was released at once').to.have.length(0);
    } finally {
      devices.getUserMedia = recording;
    }
  });
});
