import { expect } from '@open-wc/testing';
import { BACKGROUND_CLIP, CLIP_TOLERANCE, clipCorner, colourSpread, distanceToClip, flashingCanvas, READY_MS, type Rgb } from '../support/background-clip.js';
import { personSource } from '../support/clip.js';
import { realDelay, stopPageClocks } from '../support/clocks.js';
import { mountElement, removeAllElements, settle, startElement } from '../support/element.js';
import { WEBCAM } from '../support/media.js';
import { everyFrame, meanColor, readUntil, TrackReader } from '../support/pixels.js';
import { stripeContrast, stripesStream } from '../support/stripes.js';

const isRed = ([r, g, b]: number[]) => r! > 200 && g! + b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! + g! < 60;
const isGreen = ([r, g, b]: number[]) => g! > 200 && r! + b! < 60;

/** Reads frames for `ms` and returns the corner colours of those that show the clip, and how many did not. */
async function cornerOverTime(reader: TrackReader, colours: Rgb[], ms: number): Promise<{ clip: Rgb[]; other: number }> {
  const clip: Rgb[] = [];
  let other = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const corner = meanColor(await reader.read(), WEBCAM.topLeft);
    if (distanceToClip(corner, colours) < CLIP_TOLERANCE) clip.push(corner);
    else other++;
  }
  return { clip, other };
}

// Failures and fail-closed loading: virtual-bg-camera.video-errors.test.ts (each file stays
// within the runner's time for one file in the slow engines).
describe('<virtual-bg-camera> video backgrounds', () => {
  afterEach(removeAllElements);

  it('background-video: the clip plays behind the person, frame after frame', async () => {
    const colours = await clipCorner();
    const source = await personSource();
    const input = new TrackReader(source.getVideoTracks()[0]!);
    const { track, errors } = await startElement({ 'background-video': BACKGROUND_CLIP, 'background-fit': 'fill' }, source, READY_MS);
    const output = new TrackReader(track);
    const isClip = (frame: ImageData) => distanceToClip(meanColor(frame, WEBCAM.topLeft), colours) < CLIP_TOLERANCE;
    expect(isClip(await readUntil(output, isClip, 15_000)), 'the clip’s colours in the corner').to.equal(true);

    const { clip, other } = await cornerOverTime(output, colours, 2500);
    expect(other, `frames whose corner was not the clip (of ${clip.length + other})`).to.equal(0);
    // The corner runs through the clip's palette: a video's frames, not one still.
    expect(colourSpread(clip), `the corner changed over ${clip.length} frames`).to.be.greaterThan(25);

    // The person is the camera's: the face matches the source read at the same moment.
    const [frame, sourceFrame] = await Promise.all([output.read(), input.read()]);
    const face = meanColor(frame, WEBCAM.face);
    const sourceFace = meanColor(sourceFrame, WEBCAM.face);
    for (let c = 0; c < 3; c++) expect(Math.abs(face[c]! - sourceFace[c]!), `face mean colour, channel ${c}`).to.be.lessThan(12);
    expect(errors).to.deep.equal([]);
  });

  it('backgroundSource: a canvas captureStream() wins over background-video; removed, the clip shows', async () => {
    const colours = await clipCorner();
    const canvas = flashingCanvas();
    try {
      const mounted = mountElement({ 'background-video': BACKGROUND_CLIP, 'background-fit': 'fill' }, await personSource());
      mounted.element.backgroundSource = canvas.stream;
      const output = new TrackReader(await mounted.nextReady(READY_MS));
      const corner = (frame: ImageData) => meanColor(frame, WEBCAM.topLeft);
      expect(corner(await readUntil(output, (f) => isRed(corner(f)), 10_000)), 'the canvas, red').to.satisfy(isRed);
      expect(corner(await readUntil(output, (f) => isBlue(corner(f)), 10_000)), 'then blue: its frames, live').to.satisfy(isBlue);

      mounted.element.backgroundSource = null;
      const isClip = (frame: ImageData) => distanceToClip(corner(frame), colours) < CLIP_TOLERANCE;
      expect(isClip(await readUntil(output, isClip, 15_000)), 'the clip, next in precedence').to.equal(true);
      expect(canvas.stream.getVideoTracks()[0]!.readyState, 'the caller’s stream is never stopped').to.equal('live');
      expect(mounted.errors).to.deep.equal([]);
    } finally {
      canvas.stop();
    }
  });

  it('switches video → colour → video with no raw or black frame between (every output frame checked)', async () => {
    const colours = await clipCorner();
    const stripes = stripesStream();
    try {
      const mounted = mountElement({ 'background-video': BACKGROUND_CLIP, 'background-fit': 'fill' }, stripes.stream);
      const track = await mounted.nextReady(READY_MS);
      const corner = (frame: ImageData) => meanColor(frame, WEBCAM.topLeft);
      const isClip = (frame: ImageData) => distanceToClip(corner(frame), colours) < CLIP_TOLERANCE;
      const steps: string[] = [];
      let next: ((frame: ImageData) => boolean) | null = isClip;
      let reached: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (reached = resolve));
      const plan: [string, () => void, (frame: ImageData) => boolean][] = [
        ['colour', () => (mounted.element.removeAttribute('background-video'), mounted.element.setAttribute('background-color', '#00ff00')), (f) => isGreen(corner(f))],
        // The colour stays set: the video wins over it by precedence.
        ['video again', () => mounted.element.setAttribute('background-video', BACKGROUND_CLIP), isClip],
      ];
      let worst = 0;
      let darkest = 255;
      // Ends once every step is reached, or after 90 s (then `steps` says which were not).
      const frames = await everyFrame(track, Promise.race([done, settle(90_000)]).then(() => settle(300)), (frame) => {
        worst = Math.max(worst, stripeContrast(frame));
        darkest = Math.min(darkest, Math.max(...corner(frame)));
        if (!next?.(frame)) return;
        const step = plan.shift();
        if (!step) {
          next = null;
          return reached();
        }
        steps.push(step[0]);
        step[1]();
        next = step[2];
      });
      expect(steps, 'every step reached').to.deep.equal(['colour', 'video again']);
      expect(worst, `worst of ${frames} frames' stripe contrast (raw ≈ 255)`).to.be.lessThan(25);
      expect(darkest, 'no black frame: the brightest channel of the corner, at its lowest').to.be.greaterThan(20);
      expect(mounted.errors).to.deep.equal([]);
    } finally {
      stripes.stop();
    }
  });
});

describe('<virtual-bg-camera> video background in a hidden tab', () => {
  afterEach(removeAllElements);

  // What a hidden tab does to the page's clocks, at its most extreme: they never fire. The clip
  // must go on reaching the pipeline (in Chromium as a stream the worker reads; elsewhere
  // through the worker clock that keeps the camera flowing), so the background keeps moving.
  it('the clip keeps moving behind the person when rAF, timers and video frame callbacks never fire', async () => {
    const colours = await clipCorner();
    const source = await personSource(); // plays on timers captured before the stubs
    const restoreClocks = stopPageClocks();
    try {
      const mounted = mountElement({ 'background-video': BACKGROUND_CLIP, 'background-fit': 'fill' }, source);
      const track = await mounted.nextReady(READY_MS);
      // The clip's first frame may take a moment; then read 5 s of frames, timed by the real timer
      // (WebKit's read-back gets a few a second here).
      let clipSeen: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (clipSeen = resolve));
      const corners: Rgb[] = [];
      let others = 0;
      const frames = await everyFrame(track, Promise.race([started, realDelay(20_000)]).then(() => realDelay(5000)), (frame) => {
        const corner = meanColor(frame, WEBCAM.topLeft);
        if (distanceToClip(corner, colours) < CLIP_TOLERANCE) {
          corners.push(corner);
          clipSeen();
        } else if (corners.length) others++;
      });
      expect(corners.length, `frames showing the clip, of ${frames}`).to.be.at.least(5);
      expect(others, 'frames after the clip came that did not show it').to.equal(0);
      expect(colourSpread(corners), `the corner changed over ${corners.length} frames: the clip plays on`).to.be.greaterThan(25);
      expect(mounted.errors).to.deep.equal([]);
    } finally {
      restoreClocks();
    }
  });
});
