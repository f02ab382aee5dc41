// The Twilio adapter in the real twilio-video: a LocalVideoTrack over the webcam clip (no room,
// no server), the processor added the SDK's way (VideoFrame in, bitmaprenderer out), and the
// SDK's own preview element read.
import { expect } from '@open-wc/testing';
import { LocalVideoTrack } from 'twilio-video';
import { createTwilioProcessor } from '../../src/adapters/twilio.js';
import { slowModelUrl, WEBCAM } from '../support/media.js';
import { meanColor } from '../support/pixels.js';
import {
  cleanupAfterEach,
  clipTrack,
  errorsOf,
  expectPainted,
  expectPaintsAndConfigures,
  expectRawPreview,
  expectReleased,
  inPage,
  isGreen,
  painted,
  presented,
  presentedUntil,
  watchedWorkers,
} from '../support/sdk-preview.js';
import { elementWorkerNames } from '../support/workers.js';

const cleanup = cleanupAfterEach();
const OPTIONS = { inputFrameBufferType: 'videoframe', outputFrameBufferContextType: 'bitmaprenderer' } as const;

async function localTrack(): Promise<{ track: LocalVideoTrack; preview: HTMLVideoElement }> {
  const camera = await clipTrack(cleanup);
  const track = new LocalVideoTrack(camera, { name: 'camera' });
  cleanup.push(() => track.stop());
  return { track, preview: inPage(track.attach() as HTMLVideoElement, cleanup) };
}

describe('virtual-bg-camera/twilio in twilio-video', () => {
  it('addProcessor paints the preview’s background and keeps the face; removeProcessor and destroy() release its workers', async () => {
    const workers = watchedWorkers(cleanup);
    const { track, preview } = await localTrack();
    const processor = createTwilioProcessor({ backgroundColor: '#00ff00' });
    const errors = errorsOf(processor);
    track.addProcessor(processor, OPTIONS);
    expect((preview.srcObject as MediaStream).getVideoTracks()[0], 'the SDK previews its processed track').to.equal(track.processedTrack);
    await expectPaintsAndConfigures(processor, () => preview, errors);

    const begun = [...workers.workers];
    // Where it can read the output track in a worker (Chromium), the adapter converts frames there.
    const own = typeof MediaStreamTrackProcessor === 'function' ? ['virtual-bg-camera twilio output'] : [];
    expect(begun.map((w) => w.name).sort()).to.deep.equal([...elementWorkerNames(), ...own].sort());
    track.removeProcessor(processor);
    processor.destroy();
    // Twilio's processed track is its own canvas capture, which it leaves running.
    expectReleased(begun, null);
    await expectRawPreview(() => preview, 'the preview after removeProcessor');
  });

  it('until the model is ready the preview never shows the raw room', async () => {
    const { track, preview } = await localTrack();
    const processor = createTwilioProcessor({ backgroundColor: '#00ff00', model: slowModelUrl() });
    cleanup.push(() => processor.destroy());
    let ready = false;
    processor.addEventListener('ready', () => (ready = true), { once: true });
    track.addProcessor(processor, OPTIONS);
    // Blank (no processed frame yet) or painted whole (the processor's fail-closed frames).
    const hidden = (rgb: number[]) => isGreen(rgb) || Math.max(...rgb) < 20;
    let frames = 0;
    while (!ready) {
      const corner = meanColor(await presented(preview), WEBCAM.topLeft);
      expect(corner, `frame ${frames} before ready: blank or painted, not the room`).to.satisfy(hidden);
      frames++;
    }
    expect(frames, 'frames read before ready (the check above ran)').to.be.greaterThan(0);
    expectPainted(await presentedUntil(preview, painted(isGreen)), isGreen, 'green once ready');
  });
});
