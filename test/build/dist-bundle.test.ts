import { expect } from '@open-wc/testing';
import { WEBCAM } from '../support/media.js';
import { meanColor, TrackReader } from '../support/pixels.js';

/**
 * The built `dist/` served as plain static files (no Vite): the self-registering module
 * must find its model and wasm files next to itself and produce a processed track.
 * `npm test` builds first, so this checks what ships.
 */
describe('dist/virtual-bg-camera.js', () => {
  it('registers the element and paints the background from a plain static server', async () => {
    const url = '/__dist__/virtual-bg-camera.js';
    await import(/* @vite-ignore */ url);
    expect(customElements.get('virtual-bg-camera'), 'self-registering').to.be.a('function');

    const element = document.createElement('virtual-bg-camera');
    element.setAttribute('background-color', '#00ff00');
    const ready = new Promise<MediaStreamTrack>((resolve, reject) => {
      let track: MediaStreamTrack | undefined;
      element.addEventListener('track', (event) => (track = (event as CustomEvent<{ track: MediaStreamTrack }>).detail.track));
      element.addEventListener('ready', () => resolve(track!));
      element.addEventListener('error', (event) => reject(new Error(JSON.stringify((event as CustomEvent).detail))));
    });
    document.body.append(element);
    const track = await ready;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [, green] = meanColor(await new TrackReader(track).read(), WEBCAM.topLeft);
    expect(green).to.be.greaterThan(230);
    element.remove();
  });
});
