// The Vonage adapter in the real Vonage Video SDK (@vonage/client-sdk-video): a publisher over
// the webcam clip with no session (a local preview needs no server), the connector set the
// SDK's way, and the publisher's own preview element read.
import { expect } from '@open-wc/testing';
import OT from '@vonage/client-sdk-video';
import { createVonageConnector } from '../../src/adapters/vonage.js';
import {
  cleanupAfterEach,
  clipAsCamera,
  clipTrack,
  errorsOf,
  expectPaintsAndConfigures,
  expectRawPreview,
  expectReleased,
  inPage,
  watchedWorkers,
} from '../support/sdk-preview.js';
import { elementWorkerNames } from '../support/workers.js';

const cleanup = cleanupAfterEach();

/** A publisher of the clip with no session, and its preview `<video>` in the page. */
async function publisher(): Promise<{ camera: MediaStreamTrack; publisher: OT.Publisher; preview: HTMLVideoElement }> {
  const camera = await clipTrack(cleanup);
  let preview: HTMLVideoElement | null = null;
  const made = await new Promise<OT.Publisher>((resolve, reject) => {
    const created: OT.Publisher = OT.initPublisher(
      undefined,
      { videoSource: camera, audioSource: null, insertDefaultUI: false, publishAudio: false },
      (error) => (error ? reject(new Error(`${error.name}: ${error.message}`)) : resolve(created)),
    );
    created.on('videoElementCreated', (event) => (preview = event.element as HTMLVideoElement));
  });
  cleanup.push(() => made.destroy());
  if (!preview) throw new Error('the publisher made no video element');
  return { camera, publisher: made, preview: inPage(preview, cleanup) };
}

const shown = (video: HTMLVideoElement) => (video.srcObject as MediaStream).getVideoTracks()[0]!;

describe('virtual-bg-camera/vonage in @vonage/client-sdk-video', () => {
  it('setVideoMediaProcessorConnector paints the preview’s background and keeps the face; clearing it ends the processed track and its workers', async () => {
    const workers = watchedWorkers(cleanup);
    const { camera, publisher: pub, preview } = await publisher();
    const connector = createVonageConnector({ backgroundColor: '#00ff00' });
    const errors = errorsOf(connector);
    await pub.setVideoMediaProcessorConnector(connector);
    const processed = shown(preview);
    expect(processed, 'the preview shows another track than the camera').not.to.equal(camera);
    await expectPaintsAndConfigures(connector, () => preview, errors);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    // Clearing the connector reopens the camera by its device id (getUserMedia).
    clipAsCamera(cleanup);
    await pub.setVideoMediaProcessorConnector(null);
    expectReleased(begun, processed);
    await expectRawPreview(() => preview, 'the preview after clearing');
  });

  it('destroying the publisher destroys the connector: processed track ended, workers terminated', async () => {
    const workers = watchedWorkers(cleanup);
    const { publisher: pub, preview } = await publisher();
    const connector = createVonageConnector({ blur: 'strong' });
    const ready = new Promise((resolve) => connector.addEventListener('ready', resolve, { once: true }));
    await pub.setVideoMediaProcessorConnector(connector);
    const processed = shown(preview);
    await ready;
    const begun = [...workers.workers];

    pub.destroy();
    // The SDK does not wait for the connector's destroy(); ours ends everything at once.
    expectReleased(begun, processed);
  });
});
