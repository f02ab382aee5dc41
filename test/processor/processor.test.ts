import { expect } from '@open-wc/testing';
import { createVirtualBackground, VirtualBgCameraError, type ErrorEventDetail, type VirtualBackground } from '../../src/processor/index.js';
import { BACKGROUND_CLIP, clipColours, colourSpread, distanceToClip } from '../support/background-clip.js';
import { personSource } from '../support/clip.js';
import { WEBCAM } from '../support/media.js';
import { closeReaders, meanColor, readUntil, TrackReader } from '../support/pixels.js';
import { elementWorkerNames, watchWorkers } from '../support/workers.js';

const isGreen = ([r, g, b]: number[]) => g! > 230 && r! + b! < 40;
const isBlue = ([r, g, b]: number[]) => b! > 230 && r! + g! < 40;

/** Everything a test made, released after it (the processor, then the caller's sources). */
const cleanup: (() => void)[] = [];

async function source(): Promise<MediaStreamTrack> {
  const stream = await personSource();
  cleanup.push(() => stream.getTracks().forEach((track) => track.stop()));
  return stream.getVideoTracks()[0]!;
}

/** The processor's error events, recorded from creation. */
function errorsOf(vb: VirtualBackground): ErrorEventDetail[] {
  const errors: ErrorEventDetail[] = [];
  vb.addEventListener('error', (event) => errors.push(event.detail));
  return errors;
}

function nextReady(vb: VirtualBackground, errors: ErrorEventDetail[], timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready; errors ${JSON.stringify(errors)}`)), timeoutMs);
    vb.addEventListener('ready', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function nextError(vb: VirtualBackground, timeoutMs = 5000): Promise<ErrorEventDetail> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no error event')), timeoutMs);
    vb.addEventListener('error', (event) => (clearTimeout(timer), resolve(event.detail)), { once: true });
  });
}

async function started(input: MediaStreamTrack, options: Parameters<typeof createVirtualBackground>[1]) {
  const vb = await createVirtualBackground(input, options);
  cleanup.unshift(() => vb.stop());
  const errors = errorsOf(vb);
  await nextReady(vb, errors);
  return { vb, errors };
}

describe('createVirtualBackground (headless processor)', () => {
  afterEach(() => {
    closeReaders();
    for (const step of cleanup.splice(0)) step();
  });

  it('paints the background colour and keeps the face from the input', async () => {
    const input = await source();
    const { vb, errors } = await started(input, { backgroundColor: '#00ff00' });
    const output = new TrackReader(vb.track);
    const inputReader = new TrackReader(input);
    await readUntil(output, (f) => isGreen(meanColor(f, WEBCAM.topLeft)));
    const [frame, sourceFrame] = await Promise.all([output.read(), inputReader.read()]);
    expect(meanColor(frame, WEBCAM.topLeft), 'corner is green').to.satisfy(isGreen);
    const face = meanColor(frame, WEBCAM.face);
    const sourceFace = meanColor(sourceFrame, WEBCAM.face);
    expect(face[1], 'the face is not painted').to.be.lessThan(200);
    for (let c = 0; c < 3; c++) expect(Math.abs(face[c]! - sourceFace[c]!), `face mean colour, channel ${c}`).to.be.lessThan(10);
    expect(errors).to.deep.equal([]);
  });

  it('configure() switches the effect on the same output track', async () => {
    const input = await source();
    const { vb, errors } = await started(input, { backgroundColor: '#00ff00' });
    const track = vb.track;
    const output = new TrackReader(track);
    expect(meanColor(await readUntil(output, (f) => isGreen(meanColor(f, WEBCAM.topLeft))), WEBCAM.topLeft)).to.satisfy(isGreen);

    vb.configure({ backgroundColor: '#0000ff' });
    expect(meanColor(await readUntil(output, (f) => isBlue(meanColor(f, WEBCAM.topLeft))), WEBCAM.topLeft), 'now blue').to.satisfy(isBlue);

    // Colour cleared: blur, the next in precedence, shows the room (blurred) again.
    vb.configure({ backgroundColor: null, blur: 'strong' });
    const blurred = await readUntil(output, (f) => !isBlue(meanColor(f, WEBCAM.topLeft)));
    const corner = meanColor(blurred, WEBCAM.topLeft);
    const sourceCorner = meanColor(await new TrackReader(input).read(), WEBCAM.topLeft);
    expect(corner, 'no colour painted').not.to.satisfy(isBlue);
    for (let c = 0; c < 3; c++) expect(Math.abs(corner[c]! - sourceCorner[c]!), `the room's own colour, channel ${c}`).to.be.lessThan(30);
    expect(vb.track, 'the same track object').to.equal(track);
    expect(track.readyState).to.equal('live');
    expect(errors).to.deep.equal([]);
  });

  it('backgroundVideo: the clip plays behind the person; cleared, the colour shows again', async () => {
    const colours = await clipColours(WEBCAM.topLeft);
    const input = await source();
    const { vb, errors } = await started(input, { backgroundVideo: BACKGROUND_CLIP, backgroundFit: 'fill', backgroundColor: '#00ff00' });
    const output = new TrackReader(vb.track);
    const isClip = (frame: ImageData) => distanceToClip(meanColor(frame, WEBCAM.topLeft), colours) < 20;
    expect(isClip(await readUntil(output, isClip, 15_000)), 'the clip’s colours in the corner').to.equal(true);
    // Over 2 s the corner follows the clip through its palette: frames of a video, not one still.
    const seen: [number, number, number][] = [];
    const until = performance.now() + 2000;
    while (performance.now() < until) {
      const frame = await output.read();
      expect(distanceToClip(meanColor(frame, WEBCAM.topLeft), colours), `frame ${seen.length}: a clip colour`).to.be.lessThan(20);
      seen.push(meanColor(frame, WEBCAM.topLeft));
    }
    expect(colourSpread(seen), `the corner changed over ${seen.length} frames`).to.be.greaterThan(25);
    const [frame, sourceFrame] = await Promise.all([output.read(), new TrackReader(input).read()]);
    const face = meanColor(frame, WEBCAM.face);
    const sourceFace = meanColor(sourceFrame, WEBCAM.face);
    for (let c = 0; c < 3; c++) expect(Math.abs(face[c]! - sourceFace[c]!), `face mean colour, channel ${c}`).to.be.lessThan(12);

    vb.configure({ backgroundVideo: null });
    expect(meanColor(await readUntil(output, (f) => isGreen(meanColor(f, WEBCAM.topLeft))), WEBCAM.topLeft), 'the colour, next in precedence').to.satisfy(isGreen);
    expect(errors).to.deep.equal([]);
  });

  it('backgroundVideo that cannot be loaded: background-load-failed, and the room blurred', async () => {
    const input = await source();
    const vb = await createVirtualBackground(input, { backgroundVideo: '/__faults__/missing.webm' });
    cleanup.unshift(() => vb.stop());
    const error = await nextError(vb, 30_000);
    expect(error.code).to.equal('background-load-failed');
    expect(error.message).to.contain('backgroundVideo "/__faults__/missing.webm"').and.to.contain('blurring instead');
  });

  it('an invalid option raises a typed invalid-attribute error and keeps the last valid value', async () => {
    const input = await source();
    const { vb, errors } = await started(input, { backgroundColor: '#00ff00' });
    const output = new TrackReader(vb.track);
    await readUntil(output, (f) => isGreen(meanColor(f, WEBCAM.topLeft)));

    const error = nextError(vb);
    vb.configure({ backgroundColor: 'not-a-colour' });
    const detail = await error;
    expect(detail.code).to.equal('invalid-attribute');
    expect(detail.message).to.contain('backgroundColor="not-a-colour"');
    const edge = nextError(vb);
    vb.configure({ edgeSoftness: 2 });
    expect((await edge).message).to.contain('edgeSoftness="2"');
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-attribute', 'invalid-attribute']);

    // Frames keep coming, still green: the last valid colour.
    for (let i = 0; i < 5; i++) expect(meanColor(await output.read(), WEBCAM.topLeft), `frame ${i}`).to.satisfy(isGreen);
  });

  it('an invalid option at creation rejects with the typed error, before any worker starts', async () => {
    const input = await source();
    const workers = watchWorkers();
    try {
      let failure: unknown = null;
      await createVirtualBackground(input, { blur: 'enormous' as 'strong' }).then(
        (vb) => vb.stop(),
        (error: unknown) => (failure = error),
      );
      expect(failure).to.be.instanceOf(VirtualBgCameraError);
      expect((failure as VirtualBgCameraError).code).to.equal('invalid-attribute');
      expect((failure as VirtualBgCameraError).message).to.contain('blur="enormous"');
      expect(workers.workers, 'no worker started').to.deep.equal([]);
      expect(input.readyState).to.equal('live');
    } finally {
      workers.restore();
    }
  });

  it('rejects an ended input track with a typed error', async () => {
    const input = await source();
    input.stop();
    const failure = await createVirtualBackground(input, { blur: 'medium' }).then(
      (vb) => (vb.stop(), null),
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(VirtualBgCameraError);
    expect((failure as VirtualBgCameraError).code).to.equal('camera-ended');
  });

  it('setInput() moves onto another track, keeping the output track; the old one is left running', async () => {
    const first = await source();
    const { vb, errors } = await started(first, { backgroundColor: '#00ff00' });
    const track = vb.track;
    const second = await source();
    await vb.setInput(second);
    expect(vb.track).to.equal(track);
    expect(first.readyState, 'the caller’s first track is theirs to stop').to.equal('live');
    // Ending the old input now is no concern of the processor's: it already reads the new one.
    first.stop();
    const output = new TrackReader(track);
    for (let i = 0; i < 3; i++) expect(meanColor(await output.read(), WEBCAM.topLeft), `frame ${i}`).to.satisfy(isGreen);
    expect(errors).to.deep.equal([]);
  });

  it('stop() ends the output track and terminates its workers, and leaves the input track live', async () => {
    const input = await source();
    const workers = watchWorkers();
    try {
      const { vb } = await started(input, { blur: 'medium' });
      const begun = [...workers.workers];
      expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());

      vb.stop();
      expect(vb.track.readyState).to.equal('ended');
      expect(begun.every((w) => w.terminated), 'every worker it started terminated').to.equal(true);
      expect(input.readyState, 'the input is the caller’s').to.equal('live');
      // The input still plays: the caller can go on using it.
      const frame = await new TrackReader(input).read();
      expect(frame.width).to.equal(640);
      // Calls after stop() are ignored, not errors.
      vb.configure({ backgroundColor: '#ff0000' });
      vb.stop();
    } finally {
      workers.restore();
    }
  });
});
