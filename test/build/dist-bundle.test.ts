import { expect } from '@open-wc/testing';
import { personSource } from '../support/clip.js';
import { WEBCAM } from '../support/media.js';
import { meanColor, readFrame } from '../support/pixels.js';

/**
 * The built `dist/` served as plain static files (no Vite): the self-registering module
 * must find its model and wasm files next to itself and produce a processed track. The
 * build also cuts TFJS down to the ops segmentation graphs use (vite-plugins/
 * tfjs-graph-subset.ts), so these run real models through what ships. `npm test` builds first.
 */
describe('dist/virtual-bg-camera.js', () => {
  before(async () => {
    const url = '/__dist__/virtual-bg-camera.js';
    await import(/* @vite-ignore */ url);
  });

  /** Mean colour of the background corner and of the face (the webcam clip as `source`), once the model has run. */
  async function greenScreen(model?: string): Promise<{ corner: number[]; face: number[] }> {
    const source = await personSource();
    const element = document.createElement('virtual-bg-camera');
    element.setAttribute('background-color', '#00ff00');
    if (model) element.setAttribute('model', model);
    (element as unknown as { source: MediaStream }).source = source;
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
      const frame = await readFrame(track);
      return { corner: meanColor(frame, WEBCAM.topLeft), face: meanColor(frame, WEBCAM.face) };
    } finally {
      element.remove();
      source.getTracks().forEach((track) => track.stop());
    }
  }

  it('registers the element and paints the background from a plain static server', async () => {
    expect(customElements.get('virtual-bg-camera'), 'self-registering').to.be.a('function');
    const { corner, face } = await greenScreen();
    expect(corner[1]).to.be.greaterThan(230);
    // The person is drawn, so the shipped model ran (fail-closed would paint it all green).
    expect(face[0], 'face red').to.be.greaterThan(60);
  });

  it('runs a two-channel (logits) model by URL through the shipped TFJS subset', async () => {
    const { corner, face } = await greenScreen(new URL('/__faults__/logits/model.json', location.href).href);
    expect(corner[1]).to.be.greaterThan(230);
    expect(face[0], 'face red').to.be.greaterThan(60);
  });
});

describe('dist/processor.js', () => {
  it('paints the background from a plain static server', async () => {
    const url = '/__dist__/processor.js';
    const { createVirtualBackground } = (await import(/* @vite-ignore */ url)) as typeof import('../../src/processor/index.js');
    const source = await personSource();
    const vb = await createVirtualBackground(source.getVideoTracks()[0]!, { backgroundColor: '#00ff00' });
    try {
      await new Promise<void>((resolve, reject) => {
        vb.addEventListener('ready', () => resolve());
        vb.addEventListener('error', (event) => reject(new Error(JSON.stringify(event.detail))));
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const frame = await readFrame(vb.track);
      expect(meanColor(frame, WEBCAM.topLeft)[1]).to.be.greaterThan(230);
      expect(meanColor(frame, WEBCAM.face)[0], 'face red').to.be.greaterThan(60);
    } finally {
      vb.stop();
      source.getTracks().forEach((track) => track.stop());
    }
  });
});
