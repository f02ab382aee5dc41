import { expect } from '@open-wc/testing';
import { parseSwitch, parseUnit } from '../../src/components/virtual-bg-camera/attributes.js';
import { mountElement, removeAllElements, splitImageUrl, startElement, stillStream } from '../support/element.js';
import { loadBitmap } from '../support/media.js';
import { meanAbsDiff, readUntil, TrackReader } from '../support/pixels.js';

const WHOLE = { x: 0, y: 0, width: 640, height: 480 } as const;
/**
 * Mean difference per channel (0..255) over the frame: below `SAME`, two frames of a still scene
 * are the same picture (in Chromium they are identical); above `CHANGED`, a setting changed it
 * (light wrap off changes the edge of the person, about 0.5 over the whole frame).
 */
const SAME = 0.1;
const CHANGED = 0.3;

/** Reads frames of a still scene until two in a row agree, and returns the last. */
async function steadyFrame(reader: TrackReader): Promise<ImageData> {
  let previous = await reader.read();
  for (let i = 0; i < 60; i++) {
    const frame = await reader.read();
    if (meanAbsDiff(frame, previous, WHOLE) < SAME / 4) return frame;
    previous = frame;
  }
  throw new Error('the picture never settled');
}

/** Largest difference from `reference` over the frames read in `ms`. */
async function largestDifference(reader: TrackReader, reference: ImageData, ms = 2000): Promise<number> {
  let largest = 0;
  await readUntil(reader, (frame) => ((largest = Math.max(largest, meanAbsDiff(frame, reference, WHOLE))), false), ms);
  return largest;
}

describe('<virtual-bg-camera> matte attributes: edge-softness, temporal-smoothing, light-wrap', () => {
  afterEach(removeAllElements);

  it('parses numbers 0..1 and on/off switches, and rejects anything else', () => {
    expect(['0', '1', '0.25', '.5', ' 0.7 '].map(parseUnit)).to.deep.equal([0, 1, 0.25, 0.5, 0.7]);
    for (const bad of ['', '-0.1', '1.5', 'abc', '0.5px', 'NaN', '1e-1']) expect(parseUnit(bad), bad).to.equal(null);
    expect(['', 'on', 'TRUE', 'off', 'false'].map(parseSwitch)).to.deep.equal([true, true, true, false, false]);
    for (const bad of ['yes', '0', 'maybe']) expect(parseSwitch(bad), bad).to.equal(null);
  });

  it('draws with the documented defaults; other values change the picture, invalid ones do not, removal restores the default', async () => {
    // A still person over a red/blue image, so frames can be compared pixel for pixel.
    const still = stillStream(await loadBitmap('photos/mpl_grace_hopper.png'));
    const url = await splitImageUrl('#ff0000', '#0000ff');
    const { element, track, errors } = await startElement({ 'background-image': url, 'background-fit': 'fill' }, still.stream);
    const reader = new TrackReader(track);
    const defaults = await steadyFrame(reader);

    // README's defaults, set explicitly: nothing changes.
    element.setAttribute('edge-softness', '0.1');
    element.setAttribute('light-wrap', '0.3');
    element.setAttribute('temporal-smoothing', 'on');
    await element.updateComplete;
    const explicit = await largestDifference(reader, defaults);
    console.log(`explicit defaults: largest difference ${explicit.toFixed(3)}`);
    expect(explicit, 'the documented defaults are the ones in use').to.be.lessThan(SAME);

    // Another value changes the picture; an invalid one then keeps it.
    for (const [attribute, value] of [['light-wrap', '0'], ['edge-softness', '0']] as const) {
      element.setAttribute(attribute, value);
      const changed = await readUntil(reader, (frame) => meanAbsDiff(frame, defaults, WHOLE) > CHANGED);
      console.log(`${attribute}="${value}": differs by ${meanAbsDiff(changed, defaults, WHOLE).toFixed(3)}`);
      expect(meanAbsDiff(changed, defaults, WHOLE), `${attribute}="${value}" changes the picture`).to.be.greaterThan(CHANGED);
      const valid = await steadyFrame(reader);
      const before = errors.length;
      element.setAttribute(attribute, '-1');
      await element.updateComplete;
      expect(errors[before]?.code, `${attribute}="-1"`).to.equal('invalid-attribute');
      expect(await largestDifference(reader, valid, 1000), `${attribute}="-1" keeps the last valid value`).to.be.lessThan(SAME);
      // Removing the attribute restores its default.
      element.removeAttribute(attribute);
      const restored = await readUntil(reader, (frame) => meanAbsDiff(frame, defaults, WHOLE) < SAME);
      expect(meanAbsDiff(restored, defaults, WHOLE), `without ${attribute}: the default again`).to.be.lessThan(SAME);
    }
    expect(element.track, 'still running on the same track').to.equal(track);
    reader.close();
    still.stop();
    URL.revokeObjectURL(url);
  });

  it('edgeSoftness, lightWrap and temporalSmoothing are typed properties reflected to their attributes', async () => {
    const still = stillStream(await loadBitmap('photos/mpl_grace_hopper.png'));
    const mounted = mountElement({ 'light-wrap': '0.5' }, still.stream);
    const element = mounted.element;
    await element.updateComplete;
    expect([element.edgeSoftness, element.lightWrap, element.temporalSmoothing], 'defaults, and the attribute’s value').to.deep.equal([0.1, 0.5, true]);
    expect(element.hasAttribute('edge-softness'), 'a default is not written into the markup').to.equal(false);

    element.edgeSoftness = 0.25;
    element.temporalSmoothing = false;
    await element.updateComplete;
    expect([element.getAttribute('edge-softness'), element.getAttribute('temporal-smoothing')]).to.deep.equal(['0.25', 'off']);

    element.setAttribute('light-wrap', '0.75');
    expect(element.lightWrap).to.equal(0.75);

    // Invalid, from markup: the attribute keeps what was written, the property its last valid value.
    element.setAttribute('light-wrap', 'bright');
    await element.updateComplete;
    expect(mounted.errors.at(-1)?.message).to.equal('light-wrap="bright" is not valid (expected a number from 0 (off) to 1); keeping the last valid value.');
    expect([element.lightWrap, element.getAttribute('light-wrap')]).to.deep.equal([0.75, 'bright']);

    // Invalid, from script: the same error, and the property goes back to its last valid value.
    element.edgeSoftness = 2;
    await element.updateComplete;
    expect(mounted.errors.at(-1)?.message).to.equal('edge-softness="2" is not valid (expected a number from 0 (off) to 1); keeping the last valid value.');
    expect([element.edgeSoftness, element.getAttribute('edge-softness')]).to.deep.equal([0.25, '0.25']);

    // Attribute text set from script, as before these properties were typed, still works.
    (element as unknown as { lightWrap: string }).lightWrap = '0.4';
    await element.updateComplete;
    expect(element.lightWrap).to.equal(0.4);

    element.removeAttribute('temporal-smoothing');
    expect(element.temporalSmoothing, 'removing the attribute restores the default').to.equal(true);
    still.stop();
  });
});
