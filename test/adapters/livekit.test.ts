// The LiveKit adapter in the real livekit-client: a LocalVideoTrack over the webcam clip (no
// room, no server), the adapter set the SDK's way, and the SDK's own preview element read.
import { expect } from '@open-wc/testing';
import { LocalVideoTrack } from 'livekit-client';
import { createLiveKitProcessor } from '../../src/adapters/livekit.js';
import {
  cleanupAfterEach,
  clipAsCamera,
  clipTrack,
  errorsOf,
  expectPainted,
  expectPaintsAndConfigures,
  expectRawPreview,
  expectReleased,
  inPage,
  isGreen,
  painted,
  presentedUntil,
  watchedWorkers,
} from '../support/sdk-preview.js';
import { elementWorkerNames } from '../support/workers.js';

const cleanup = cleanupAfterEach();

async function localTrack(): Promise<{ camera: MediaStreamTrack; track: LocalVideoTrack; preview: HTMLVideoElement }> {
  const camera = await clipTrack(cleanup);
  const track = new LocalVideoTrack(camera, undefined, true);
  cleanup.push(() => track.stop());
  return { camera, track, preview: inPage(track.attach() as HTMLVideoElement, cleanup) };
}

describe('virtual-bg-camera/livekit in livekit-client', () => {
  it('setProcessor paints the preview’s background and keeps the face; stopProcessor ends the processed track and its workers', async () => {
    const workers = watchedWorkers(cleanup);
    const { camera, track, preview } = await localTrack();
    const processor = createLiveKitProcessor({ backgroundColor: '#00ff00' });
    const errors = errorsOf(processor);
    await track.setProcessor(processor);
    const processed = processor.processedTrack!;
    expect(processed, 'the processor’s output track').to.be.instanceOf(MediaStreamTrack);
    expect((preview.srcObject as MediaStream).getVideoTracks()[0], 'the SDK previews the processed track').to.equal(processed);
    await expectPaintsAndConfigures(processor, () => preview, errors);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    await track.stopProcessor();
    expectReleased(begun, processed);
    expect(camera.readyState, 'the camera is the caller’s').to.equal('live');
    await expectRawPreview(() => preview, 'the preview after stopProcessor');
  });

  it('restartTrack (a new camera track) goes through restart(): same processed track, still painted', async () => {
    const { camera, track, preview } = await localTrack();
    const processor = createLiveKitProcessor({ backgroundColor: '#00ff00' });
    cleanup.push(() => processor.destroy());
    const errors = errorsOf(processor);
    await track.setProcessor(processor);
    const processed = processor.processedTrack;
    await presentedUntil(preview, painted(isGreen));

    // The SDK reopens the camera with getUserMedia: it gets the clip again.
    clipAsCamera(cleanup);
    await track.restartTrack();
    expect(track.mediaStreamTrack, 'a new camera track').not.to.equal(camera);
    expect(processor.processedTrack, 'the same processed track').to.equal(processed);
    expectPainted(await presentedUntil(preview, painted(isGreen)), isGreen, 'after restartTrack');
    expect(processed!.readyState).to.equal('live');
    expect(errors).to.deep.equal([]);
  });
});
