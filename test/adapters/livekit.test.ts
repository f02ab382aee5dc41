// The LiveKit adapter in the real livekit-client: a LocalVideoTrack over the webcam clip (no
// room, no server), the adapter set the SDK's way, and the SDK's own preview element read.
import { expect } from '@open-wc/testing';
import { LocalVideoTrack } from 'livekit-client';
import { createLiveKitProcessor } from '../../src/adapters/livekit.js';
import { stopClips } from '../support/clip.js';
import { clipAsCamera, clipTrack, errorsOf, expectPainted, expectUnpainted, inPage, isBlue, isGreen, painted, presentedUntil, unpainted } from '../support/sdk-preview.js';
import { elementWorkerNames, watchWorkers } from '../support/workers.js';

const cleanup: (() => unknown)[] = [];

describe('virtual-bg-camera/livekit in livekit-client', () => {
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    stopClips();
  });

  it('setProcessor paints the preview’s background and keeps the face; stopProcessor ends the processed track and its workers', async () => {
    const workers = watchWorkers();
    cleanup.push(() => workers.restore());
    const camera = await clipTrack(cleanup);
    const track = new LocalVideoTrack(camera, undefined, true);
    cleanup.push(() => track.stop());
    const preview = inPage(track.attach() as HTMLVideoElement, cleanup);

    const processor = createLiveKitProcessor({ backgroundColor: '#00ff00' });
    const errors = errorsOf(processor);
    const ready = new Promise((resolve) => processor.addEventListener('ready', resolve, { once: true }));
    await track.setProcessor(processor);
    const processed = processor.processedTrack!;
    expect(processed, 'the processor’s output track').to.be.instanceOf(MediaStreamTrack);
    expect((preview.srcObject as MediaStream).getVideoTracks()[0], 'the SDK previews the processed track').to.equal(processed);
    await ready;
    expectPainted(await presentedUntil(preview, painted(isGreen)), isGreen, 'green');

    processor.configure({ backgroundColor: '#0000ff' });
    expectPainted(await presentedUntil(preview, painted(isBlue)), isBlue, 'blue after configure()');
    expect(errors).to.deep.equal([]);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    await track.stopProcessor();
    expect(processed.readyState, 'the processed track').to.equal('ended');
    expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
    expect(camera.readyState, 'the camera is the caller’s').to.equal('live');
    expectUnpainted(await presentedUntil(preview, unpainted, 10_000), 'the preview after stopProcessor');
  });

  it('restartTrack (a new camera track) goes through restart(): same processed track, still painted', async () => {
    const first = await clipTrack(cleanup);
    const track = new LocalVideoTrack(first, undefined, true);
    cleanup.push(() => track.stop());
    const preview = inPage(track.attach() as HTMLVideoElement, cleanup);
    const processor = createLiveKitProcessor({ backgroundColor: '#00ff00' });
    cleanup.push(() => processor.destroy());
    const errors = errorsOf(processor);
    await track.setProcessor(processor);
    const processed = processor.processedTrack;
    await presentedUntil(preview, painted(isGreen));

    // The SDK reopens the camera with getUserMedia: it gets the clip again.
    clipAsCamera(cleanup);
    await track.restartTrack();
    expect(track.mediaStreamTrack, 'a new camera track').not.to.equal(first);
    expect(processor.processedTrack, 'the same processed track').to.equal(processed);
    expectPainted(await presentedUntil(preview, painted(isGreen)), isGreen, 'after restartTrack');
    expect(processed!.readyState).to.equal('live');
    expect(errors).to.deep.equal([]);
  });
});
