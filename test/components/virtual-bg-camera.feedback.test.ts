import { expect } from '@open-wc/testing';
import { cameraPlaysClipInEachTest } from '../support/clip.js';
import { failCamera, mountElement, removeAllElements, waitFor } from '../support/element.js';
import { slowModelUrl, WEBCAM } from '../support/media.js';
import { meanColor, readFrame } from '../support/pixels.js';

const part = (element: Element, name: string) => element.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('<virtual-bg-camera> feedback for the person looking at it', () => {
  afterEach(removeAllElements);
  cameraPlaysClipInEachTest();

  it('shows model download progress until the first processed frame', async () => {
    const mounted = mountElement({ blur: 'medium', model: slowModelUrl() });
    const ready = mounted.nextReady();
    let isReady = false;
    void ready.then(() => (isReady = true));
    // The model arrives 3 s late: the indicator must show up before the first processed frame.
    const status = await waitFor(() => part(mounted.element, 'status') ?? (isReady && 'ready'), 'the loading indicator');
    expect(status, 'loading indicator while the model downloads').to.be.instanceOf(Element);
    expect((status as Element).getAttribute('role')).to.equal('status');
    expect((status as Element).textContent).to.contain('Loading');
    expect((status as Element).querySelector('progress')).to.not.equal(null);
    await ready;
    await mounted.element.updateComplete;
    expect(part(mounted.element, 'status'), 'gone once a real mask is drawn').to.equal(null);
  });

  it('drops the loading indicator when the model fails to load', async () => {
    const mounted = mountElement({ blur: 'medium', model: '/__faults__/missing/model.json' });
    await mounted.errorOf('model-load-failed');
    await mounted.element.updateComplete;
    expect(part(mounted.element, 'status')).to.equal(null);
  });

  it('explains a denied camera and retries from its button', async () => {
    const denied = failCamera('NotAllowedError');
    const mounted = mountElement({ 'background-color': '#00ff00' });
    await mounted.errorOf('camera-denied');
    await mounted.element.updateComplete;
    const message = part(mounted.element, 'message');
    expect(message?.getAttribute('role')).to.equal('alert');
    expect(message?.textContent).to.contain('blocked');
    await expect(mounted.element).to.be.accessible();

    denied.restore();
    const ready = mounted.nextReady();
    (part(mounted.element, 'retry-button') as HTMLButtonElement).click();
    await ready;
    await mounted.element.updateComplete;
    expect(part(mounted.element, 'message'), 'message cleared after a successful retry').to.equal(null);
  });

  it('show-stats overlays live numbers on the preview, never on the output track', async () => {
    const mounted = mountElement({ 'background-color': '#00ff00', 'show-stats': '' });
    const track = await mounted.nextReady();
    await new Promise((resolve) => mounted.element.addEventListener('stats', resolve, { once: true }));
    await mounted.element.updateComplete;
    const stats = part(mounted.element, 'stats');
    expect(stats?.textContent).to.match(/\d+ fps/).and.contain('wasm');
    // The overlay sits over the preview's top-left corner; the track's corner stays pure colour.
    const [r, g, b] = meanColor(await readFrame(track), WEBCAM.topLeft);
    expect([g > 230, r + b < 30]).to.deep.equal([true, true]);

    mounted.element.removeAttribute('show-stats');
    await mounted.element.updateComplete;
    expect(part(mounted.element, 'stats')).to.equal(null);
  });

  it('labels the preview for assistive technology and passes an accessibility audit', async () => {
    const mounted = mountElement({ blur: 'medium', mirror: '' });
    await mounted.nextReady();
    await mounted.element.updateComplete;
    const preview = part(mounted.element, 'preview')!;
    expect(preview.getAttribute('role')).to.equal('img');
    expect(preview.getAttribute('aria-label')).to.equal('Camera preview, background blurred, mirrored');
    await expect(mounted.element).to.be.accessible();
  });
});
