import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { openCamera, removeAllElements, settle, startElement } from '../support/element.js';
import { WEBCAM } from '../support/media.js';
import { centroidX, laplacianVariance, meanAbsDiff, meanColor, toImageData, TrackReader } from '../support/pixels.js';

const isGreen = (r: number, g: number, b: number) => g > 200 && r < 60 && b < 60;

describe('<virtual-bg-camera> output track', () => {
  afterEach(removeAllElements);

  it('paints the background green and keeps the face from the camera', async () => {
    const camera = await openCamera();
    const input = new TrackReader(camera.getVideoTracks()[0]!);
    const { track } = await startElement({ 'background-color': '#00ff00' }, camera);
    await settle();
    const output = new TrackReader(track);
    const [frame, cameraFrame] = await Promise.all([output.read(), input.read()]);

    for (const corner of [WEBCAM.topLeft, WEBCAM.topRight]) {
      const [r, g, b] = meanColor(frame, corner);
      expect(g, 'corner green').to.be.greaterThan(230);
      expect(r + b, 'corner has no red/blue').to.be.lessThan(30);
    }
    expect(meanAbsDiff(frame, cameraFrame, WEBCAM.face), 'face keeps camera pixels').to.be.lessThan(12);
    output.close();
    input.close();
    camera.getTracks().forEach((t) => t.stop());
  });

  it('passes the camera through unchanged when no effect is set', async () => {
    const camera = await openCamera();
    const input = new TrackReader(camera.getVideoTracks()[0]!);
    const { track } = await startElement({}, camera);
    await settle(500);
    const output = new TrackReader(track);
    const [frame, cameraFrame] = await Promise.all([output.read(), input.read()]);
    const whole = { x: 0, y: 0, width: 640, height: 480 };
    expect(frame.width).to.equal(640);
    expect(frame.height).to.equal(480);
    expect(meanAbsDiff(frame, cameraFrame, whole)).to.be.lessThan(6);
    output.close();
    input.close();
    camera.getTracks().forEach((t) => t.stop());
  });

  it('blurs only the background', async () => {
    const camera = await openCamera();
    const input = new TrackReader(camera.getVideoTracks()[0]!);
    const { track } = await startElement({ blur: 'strong' }, camera);
    await settle();
    const output = new TrackReader(track);
    const [frame, cameraFrame] = await Promise.all([output.read(), input.read()]);
    const shelfBefore = laplacianVariance(cameraFrame, WEBCAM.shelf);
    const shelfAfter = laplacianVariance(frame, WEBCAM.shelf);
    const faceBefore = laplacianVariance(cameraFrame, WEBCAM.face);
    const faceAfter = laplacianVariance(frame, WEBCAM.face);
    console.log(`blur: shelf sharpness ${shelfBefore.toFixed(1)} -> ${shelfAfter.toFixed(1)}, face ${faceBefore.toFixed(1)} -> ${faceAfter.toFixed(1)}`);
    expect(shelfAfter, 'background much less sharp').to.be.lessThan(shelfBefore * 0.25);
    expect(faceAfter, 'face stays sharp').to.be.greaterThan(faceBefore * 0.7);
    expect(meanAbsDiff(frame, cameraFrame, WEBCAM.face), 'face keeps camera pixels').to.be.lessThan(12);
    output.close();
    input.close();
    camera.getTracks().forEach((t) => t.stop());
  });
});
