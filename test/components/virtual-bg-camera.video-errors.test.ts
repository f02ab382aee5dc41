import { expect } from '@open-wc/testing';
import { BACKGROUND_CLIP, CLIP_TOLERANCE, clipCorner, distanceToClip, flashingCanvas, READY_MS } from '../support/background-clip.js';
import { personSource } from '../support/clip.js';
import { mountElement, removeAllElements, settle } from '../support/element.js';
import { WEBCAM } from '../support/media.js';
import { everyFrame, laplacianVariance, meanColor, readUntil, TrackReader } from '../support/pixels.js';
import { stripeContrast, stripesStream } from '../support/stripes.js';

const isRed = ([r, g, b]: number[]) => r! > 200 && g! + b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! + g! < 60;

describe('<virtual-bg-camera> video backgrounds fail closed', () => {
  afterEach(removeAllElements);

  it('backgroundSource whose track ends: background-load-failed, and the room blurred', async () => {
    const canvas = flashingCanvas();
    const mounted = mountElement({}, await personSource());
    mounted.element.backgroundSource = canvas.stream;
    const output = new TrackReader(await mounted.nextReady(READY_MS));
    await readUntil(output, (f) => isRed(meanColor(f, WEBCAM.topLeft)) || isBlue(meanColor(f, WEBCAM.topLeft)), 10_000);
    canvas.stop();
    const error = await mounted.errorOf('background-load-failed');
    expect(error.message).to.contain('backgroundSource').and.to.contain('blurring instead');
    const frame = await readUntil(output, (f) => laplacianVariance(f, WEBCAM.shelf) < 1.5, 5000);
    const [r, g, b] = meanColor(frame, WEBCAM.topLeft);
    expect(r + g + b, 'not black: the room, blurred').to.be.greaterThan(60);
    expect(laplacianVariance(frame, WEBCAM.shelf), 'background blurred').to.be.lessThan(1.5);
  });

  for (const [what, url, reason] of [
    ['a 404', '/__faults__/missing.webm', ''],
    ['an undecodable file', '/__faults__/garbage.webm', ''],
    ['a playable file with no video (sound only)', '/__faults__/silence.wav', 'it has no video track'],
    ['a cross-origin video without CORS headers', `${location.protocol}//127.0.0.1:${location.port}${BACKGROUND_CLIP}`, ''],
  ] as const) {
    it(`background-load-failed on ${what}: the room blurred, not raw`, async () => {
      expect(new URL(url, location.href).origin === location.origin, 'the CORS case must be cross-origin').to.equal(url.startsWith('/'));
      const mounted = mountElement({ 'background-video': url }, await personSource());
      // A sound file fails only after playing a while, possibly after `ready`.
      const ready = mounted.nextReady(READY_MS);
      const error = await mounted.errorOf('background-load-failed');
      expect(error.message).to.contain(`background-video "${url}"`).and.to.contain(reason).and.to.contain('blurring instead');
      const output = new TrackReader(await ready);
      await settle(500);
      const frame = await output.read();
      const [r, g, b] = meanColor(frame, WEBCAM.topLeft);
      expect(r + g + b, 'not black: the room, blurred').to.be.greaterThan(60);
      expect(laplacianVariance(frame, WEBCAM.shelf), 'background blurred').to.be.lessThan(1.5);
    });
  }

  it('never shows the raw room while the clip loads (every output frame checked)', async () => {
    const colours = await clipCorner();
    const stripes = stripesStream();
    try {
      const mounted = mountElement({ blur: 'strong', 'background-fit': 'fill' }, stripes.stream);
      const track = await mounted.nextReady(READY_MS);
      // Served 6 s late: every frame until it plays must hide the stripes.
      mounted.element.setAttribute('background-video', `/__faults__/slow/drift.webm?${Math.random().toString(36).slice(2)}`);
      const contrasts: number[] = [];
      let loading = 0;
      let clipFrames = 0;
      let seenClip: () => void = () => undefined;
      const clipShown = new Promise<void>((resolve) => (seenClip = resolve));
      // Ends 0.5 s after the clip came, or after 60 s without it (then `clipFrames` says so).
      await everyFrame(track, Promise.race([clipShown, settle(60_000)]).then(() => settle(500)), (frame) => {
        contrasts.push(stripeContrast(frame));
        if (distanceToClip(meanColor(frame, WEBCAM.topLeft), colours) >= CLIP_TOLERANCE) loading++;
        else if (++clipFrames >= 3) seenClip();
      });
      expect(clipFrames, 'frames showing the clip once it came').to.be.at.least(3);
      expect(loading, 'frames checked while the clip was loading').to.be.at.least(10);
      expect(Math.max(...contrasts), `worst of ${contrasts.length} frames' stripe contrast (raw ≈ 255)`).to.be.lessThan(25);
      expect(mounted.errors).to.deep.equal([]);
    } finally {
      stripes.stop();
    }
  });
});
