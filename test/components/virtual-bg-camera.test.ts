import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { personSource } from '../support/clip.js';
import { removeAllElements, settle, splitImageUrl, startElement, stillStream } from '../support/element.js';
import { coreInside, ringOutside } from '../support/masks.js';
import { loadBitmap, WEBCAM } from '../support/media.js';
import { centroidX, laplacianVariance, meanAbsDiff, meanColor, readFrame, toImageData, TrackReader } from '../support/pixels.js';

const WHOLE = { x: 0, y: 0, width: 640, height: 480 } as const;
const isGreen = (r: number, g: number, b: number) => g > 200 && r < 60 && b < 60;

/**
 * Starts the element on the webcam clip (the man at the desk, in every engine; passed as
 * `source`) and reads both sides.
 */
async function outputAndSource(attributes: Record<string, string>) {
  const source = await personSource();
  const input = new TrackReader(source.getVideoTracks()[0]!);
  const started = await startElement(attributes, source);
  await settle();
  const output = new TrackReader(started.track);
  const [frame, sourceFrame] = await Promise.all([output.read(), input.read()]);
  output.close();
  input.close();
  source.getTracks().forEach((track) => track.stop());
  return { ...started, frame, sourceFrame };
}

/**
 * The face shows the source, not the effect: its mean colour and its sharpness match the
 * source frame read at the same moment. (Per-pixel comparison of two live reads is left to
 * the still-source tests: the clip moves between them.)
 */
function expectFaceFromSource(frame: ImageData, sourceFrame: ImageData): void {
  const output = meanColor(frame, WEBCAM.face);
  const input = meanColor(sourceFrame, WEBCAM.face);
  for (let c = 0; c < 3; c++) expect(Math.abs(output[c]! - input[c]!), `face mean colour, channel ${c}`).to.be.lessThan(10);
  const sharpness = laplacianVariance(frame, WEBCAM.face) / laplacianVariance(sourceFrame, WEBCAM.face);
  expect(sharpness, 'face as sharp as the source').to.be.within(0.7, 1.4);
}

function flipHorizontally(image: ImageData): ImageData {
  const out = new ImageData(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const from = (y * image.width + (image.width - 1 - x)) * 4;
      out.data.set(image.data.subarray(from, from + 4), (y * image.width + x) * 4);
    }
  }
  return out;
}

describe('<virtual-bg-camera> output track, by mode', () => {
  afterEach(removeAllElements);

  it('passes the input through unchanged when no effect is set', async () => {
    // A still source, so input and output can be compared pixel for pixel, free of timing.
    const photo = await loadBitmap('photos/mpl_grace_hopper.png');
    const still = stillStream(photo);
    const { track } = await startElement({}, still.stream);
    await settle(500);
    const frame = await readFrame(track);
    still.stop();
    expect([frame.width, frame.height]).to.deep.equal([640, 480]);
    const difference = meanAbsDiff(frame, toImageData(photo, 640, 480), WHOLE);
    console.log(`passthrough: mean abs difference ${difference.toFixed(2)} / 255`);
    expect(difference).to.be.lessThan(3);
  });

  it('background-color: paints the background and keeps the face from the camera', async () => {
    const { frame, sourceFrame } = await outputAndSource({ 'background-color': '#00ff00' });
    for (const corner of [WEBCAM.topLeft, WEBCAM.topRight]) {
      const [r, g, b] = meanColor(frame, corner);
      expect(g, 'corner is green').to.be.greaterThan(230);
      expect(r + b, 'corner has no red or blue').to.be.lessThan(30);
    }
    expectFaceFromSource(frame, sourceFrame);
  });

  it('background-color on a still photo: the person is the camera pixel for pixel', async () => {
    const photo = await loadBitmap('photos/mpl_grace_hopper.png');
    const reference = toImageData(await loadBitmap('photos/mpl_grace_hopper.mask.png'), 640, 480);
    const still = stillStream(photo);
    const { track } = await startElement({ 'background-color': '#00ff00' }, still.stream);
    await settle();
    const frame = await readFrame(track);
    still.stop();
    const camera = toImageData(photo, 640, 480);
    const core = coreInside(reference, 16);
    let difference = 0;
    for (const i of core) for (let c = 0; c < 3; c++) difference += Math.abs(frame.data[i * 4 + c]! - camera.data[i * 4 + c]!);
    expect(core.length, 'enough person pixels to judge').to.be.greaterThan(2000);
    expect(difference / (core.length * 3), 'mean abs difference inside the person').to.be.lessThan(4);
    const [r, g, b] = meanColor(frame, { x: 0, y: 0, width: 40, height: 40 });
    expect([g > 230, r + b < 30], 'background painted').to.deep.equal([true, true]);
  });

  it('blur: blurs the background only', async () => {
    const { frame, sourceFrame } = await outputAndSource({ blur: 'medium' });
    const shelfBefore = laplacianVariance(sourceFrame, WEBCAM.shelf);
    const shelfAfter = laplacianVariance(frame, WEBCAM.shelf);
    const faceBefore = laplacianVariance(sourceFrame, WEBCAM.face);
    const faceAfter = laplacianVariance(frame, WEBCAM.face);
    expect(shelfAfter, `background sharpness ${shelfBefore} -> ${shelfAfter}`).to.be.lessThan(shelfBefore * 0.25);
    expect(faceAfter, `face sharpness ${faceBefore} -> ${faceAfter}`).to.be.greaterThan(faceBefore * 0.7);
    expectFaceFromSource(frame, sourceFrame);
  });

  it('blur: the person does not bleed into the blurred background (no halo)', async () => {
    // A still portrait with a reference mask, so every pixel's true side is known.
    const photo = await loadBitmap('photos/dlib_tom_cruise.png');
    const reference = toImageData(await loadBitmap('photos/dlib_tom_cruise.mask.png'), 640, 480);
    const still = stillStream(photo);
    const { track } = await startElement({ blur: 'strong' }, still.stream);
    await settle();
    const frame = await readFrame(track);
    const camera = toImageData(photo, 640, 480);
    still.stop();

    // Mean person colour, and the band just outside the person where a naive blur smears it.
    const person: [number, number, number] = [0, 0, 0];
    let count = 0;
    for (let i = 0; i < reference.data.length / 4; i++) {
      if (reference.data[i * 4]! <= 127) continue;
      for (let c = 0; c < 3; c++) person[c] = person[c]! + camera.data[i * 4 + c]!;
      count++;
    }
    for (let c = 0; c < 3; c++) person[c] = person[c]! / count;
    // How far each band pixel moved from the camera towards the person's colour (0 none, 1 all the way).
    let pull = 0;
    let weight = 0;
    for (const i of ringOutside(reference, 6, 14)) {
      let along = 0;
      let length = 0;
      for (let c = 0; c < 3; c++) {
        const towardsPerson = person[c]! - camera.data[i * 4 + c]!;
        along += (frame.data[i * 4 + c]! - camera.data[i * 4 + c]!) * towardsPerson;
        length += towardsPerson * towardsPerson;
      }
      if (length < 30 * 30) continue; // background already the person's colour: no signal
      pull += along / length;
      weight++;
    }
    const halo = pull / weight;
    console.log(`halo: band pixels moved ${(halo * 100).toFixed(1)}% towards the person colour (${weight} px)`);
    expect(halo, "a naive blur measures ~0.12 here").to.be.lessThan(0.05);
  });

  it('background-image: shows the image behind the person', async () => {
    const url = await splitImageUrl('#ff0000', '#0000ff');
    const { frame, sourceFrame } = await outputAndSource({ 'background-image': url, 'background-fit': 'fill' });
    const [lr, lg, lb] = meanColor(frame, WEBCAM.topLeft);
    const [rr, rg, rb] = meanColor(frame, WEBCAM.topRight);
    expect(lr, 'left of the image is red').to.be.greaterThan(230);
    expect(lg + lb).to.be.lessThan(30);
    expect(rb, 'right of the image is blue').to.be.greaterThan(230);
    expect(rr + rg).to.be.lessThan(30);
    expectFaceFromSource(frame, sourceFrame);
    URL.revokeObjectURL(url);
  });

  it('mirror: flips the on-page preview but not the track', async () => {
    const { element, track } = await startElement({ 'background-color': '#00ff00', mirror: '' }, await personSource());
    element.id = 'mirrored';
    await settle();
    const [frame, screenshot] = await Promise.all([
      readFrame(track),
      executeServerCommand<string, { selector: string }>('screenshot-element', { selector: '#mirrored' }),
    ]);
    const png = await createImageBitmap(await (await fetch(`data:image/png;base64,${screenshot}`)).blob());
    const preview = toImageData(png, 640, 480);

    const trackPerson = centroidX(frame, (r, g, b) => !isGreen(r, g, b));
    const previewPerson = centroidX(preview, (r, g, b) => !isGreen(r, g, b));
    expect(Math.abs(trackPerson - 320), 'the person is off-centre, so a flip shows').to.be.greaterThan(15);
    expect(previewPerson, 'preview is the mirror image').to.be.closeTo(640 - trackPerson, 12);
    expect(meanAbsDiff(preview, flipHorizontally(frame), WHOLE)).to.be.lessThan(meanAbsDiff(preview, frame, WHOLE) / 2);
  });
});
