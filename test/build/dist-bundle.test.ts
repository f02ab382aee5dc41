import { expect } from '@open-wc/testing';
import { WEBCAM } from '../support/media.js';
import { meanColor, TrackReader } from '../support/pixels.js';

/**
 * The built `dist/` served as plain static files (no Vite): the self-registering module
 * must find its model and wasm files next to itself and produce a processed track.
 * `npm test` builds first, so this checks what ships.
 */
describe('dist/virtual-bg-camera.js', () => {
  async function processedFrame(attributes: Record<string, string>): Promise<ImageData> {
    const url = '/__dist__/virtual-bg-camera.js';
    await import(/* @vite-ignore */ url);
    expect(customElements.get('virtual-bg-camera'), 'self-registering').to.be.a('function');

    const element = document.createElement('virtual-bg-camera');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    const ready = new Promise<MediaStreamTrack>((resolve, reject) => {
      let track: MediaStreamTrack | undefined;
      element.addEventListener('track', (event) => (track = (event as CustomEvent<{ track: MediaStreamTrack }>).detail.track));
      element.addEventListener('ready', () => resolve(track!));
      element.addEventListener('error', (event) => reject(new Error(JSON.stringify((event as CustomEvent).detail))));
    });
    document.body.append(element);
    try {
      const track = await ready;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return await new TrackReader(track).read();
    } finally {
      element.remove();
    }
  }

  it('registers the element and paints the background from a plain static server', async () => {
    const [, green] = meanColor(await processedFrame({ 'background-color': '#00ff00' }), WEBCAM.topLeft);
    expect(green).to.be.greaterThan(230);
  });

  it('ships the landscape model: model="landscape" keeps the person and paints the room', async () => {
    const frame = await processedFrame({ 'background-color': '#00ff00', model: 'landscape' });
    const [, green] = meanColor(frame, WEBCAM.topLeft);
    expect(green, 'room painted').to.be.greaterThan(230);
    const [red, faceGreen, blue] = meanColor(frame, WEBCAM.face);
    expect(faceGreen - (red + blue) / 2, 'face kept, not painted green').to.be.lessThan(60);
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched, 'the landscape weights came from dist/assets').to.include('/__dist__/assets/meet.bin');
  });
});
