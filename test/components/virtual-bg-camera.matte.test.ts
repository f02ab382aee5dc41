import { expect } from '@open-wc/testing';
import { Session } from '../../src/processor/session.js';
import { parseSwitch, parseUnit } from '../../src/components/virtual-bg-camera/attributes.js';
import type { MatteOptions } from '../../src/shared/matte-options.js';
import { DEFAULT_MATTE_OPTIONS } from '../../src/shared/matte-options.js';
import type { PipelineSettings } from '../../src/shared/settings.js';
import { mountElement, removeAllElements } from '../support/element.js';

describe('<virtual-bg-camera> matte attributes: edge-softness, temporal-smoothing, light-wrap', () => {
  const sent: MatteOptions[] = [];
  const original = Session.prototype.configure;

  before(() => {
    // Record what the element hands the pipeline: the observable effect of the attributes.
    Session.prototype.configure = function (this: Session, settings: Partial<PipelineSettings>) {
      if (settings.matte) sent.push(settings.matte);
      return original.call(this, settings);
    };
  });
  after(() => void (Session.prototype.configure = original));
  afterEach(removeAllElements);

  it('parses numbers 0..1 and on/off switches, and rejects anything else', () => {
    expect(['0', '1', '0.25', '.5', ' 0.7 '].map(parseUnit)).to.deep.equal([0, 1, 0.25, 0.5, 0.7]);
    for (const bad of ['', '-0.1', '1.5', 'abc', '0.5px', 'NaN', '1e-1']) expect(parseUnit(bad), bad).to.equal(null);
    expect(['', 'on', 'TRUE', 'off', 'false'].map(parseSwitch)).to.deep.equal([true, true, true, false, false]);
    for (const bad of ['yes', '0', 'maybe']) expect(parseSwitch(bad), bad).to.equal(null);
  });

  it('uses the defaults, applies valid values, and keeps the last valid one on invalid input', async () => {
    const mounted = mountElement({ 'background-color': '#00ff00' });
    await mounted.nextReady();
    expect(sent.at(-1), 'defaults').to.deep.equal(DEFAULT_MATTE_OPTIONS);

    const element = mounted.element;
    element.setAttribute('edge-softness', '0.5');
    element.setAttribute('temporal-smoothing', 'off');
    element.setAttribute('light-wrap', '0.4');
    await element.updateComplete;
    expect(sent.at(-1)).to.deep.equal({ edgeSoftness: 0.5, temporal: false, lightWrap: 0.4 });

    for (const [attribute, value] of [
      ['edge-softness', '2'],
      ['edge-softness', 'soft'],
      ['temporal-smoothing', 'maybe'],
      ['light-wrap', '-1'],
    ]) {
      const before = mounted.errors.length;
      element.setAttribute(attribute!, value!);
      await element.updateComplete;
      const error = mounted.errors[before];
      expect(error?.code, `${attribute}="${value}"`).to.equal('invalid-attribute');
      expect(error?.message).to.contain(attribute!);
      expect(sent.at(-1), `${attribute}="${value}" keeps the last valid options`).to.deep.equal({
        edgeSoftness: 0.5,
        temporal: false,
        lightWrap: 0.4,
      });
    }

    // Removing an attribute restores its default.
    element.removeAttribute('temporal-smoothing');
    await element.updateComplete;
    expect(sent.at(-1)?.temporal).to.equal(true);
    expect(element.track?.readyState, 'still running').to.equal('live');
  });
});
