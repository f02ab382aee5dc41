// The Vonage adapter in the real Vonage Video SDK (@vonage/client-sdk-video): a publisher over
// the webcam clip with no session (a local preview needs no server), the connector set the
// SDK's way, and the publisher's own preview element read.
import { expect } from '@open-wc/testing';
import OT from '@vonage/client-sdk-video';
import { createVonageConnector, type VonageVirtualBackground } from '../../src/adapters/vonage.js';
import { stopClips } from '../support/clip.js';
import {
  clipAsCamera,
  clipTrack,
  errorsOf,
  expectPainted,
  expectUnpainted,
  inPage,
  isBlue,
  isGreen,
  painted,
  presentedUntil,
  unpainted,
} from '../support/sdk-preview.js';
import { elementWorkerNames, watchWorkers } from '../support/workers.js';

const cleanup: (() => unknown)[] = [];

/** A publisher of `camera` with no session, and its preview `<video>` in the page. */
async function publisherOf(camera: MediaStreamTrack): Promise<{ publisher: OT.Publisher; preview: HTMLVideoElement }> {
  let preview: HTMLVideoElement | null = null;
  const publisher = await new Promise<OT.Publisher>((resolve, reject) => {
    const created: OT.Publisher = OT.initPublisher(
      undefined,
      { videoSource: camera, audioSource: null, insertDefaultUI: false, publishAudio: false },
      (error) => (error ? reject(new Error(`${error.name}: ${error.message}`)) : resolve(created)),
    );
    created.on('videoElementCreated', (event) => (preview = event.element as HTMLVideoElement));
  });
  cleanup.push(() => publisher.destroy());
  if (!preview) throw new Error('the publisher made no video element');
  return { publisher, preview: inPage(preview, cleanup) };
}

describe('virtual-bg-camera/vonage in @vonage/client-sdk-video', () => {
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    stopClips();
  });

  it('setVideoMediaProcessorConnector paints the preview’s background and keeps the face; clearing it ends the processed track and its workers', async () => {
    const workers = watchWorkers();
    cleanup.push(() => workers.restore());
    const camera = await clipTrack(cleanup);
    const { publisher, preview } = await publisherOf(camera);

    const connector: VonageVirtualBackground = createVonageConnector({ backgroundColor: '#00ff00' });
    const errors = errorsOf(connector);
    await publisher.setVideoMediaProcessorConnector(connector);
    const processed = (preview.srcObject as MediaStream).getVideoTracks()[0]!;
    expect(processed, 'the preview shows another track than the camera').not.to.equal(camera);
    expectPainted(await presentedUntil(preview, painted(isGreen)), isGreen, 'green');

    connector.configure({ backgroundColor: '#0000ff' });
    expectPainted(await presentedUntil(preview, painted(isBlue)), isBlue, 'blue after configure()');
    expect(errors).to.deep.equal([]);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    // Clearing the connector reopens the camera by its device id (getUserMedia).
    clipAsCamera(cleanup);
    await publisher.setVideoMediaProcessorConnector(null);
    expect(processed.readyState, 'the processed track').to.equal('ended');
    expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
    expectUnpainted(await presentedUntil(preview, unpainted, 10_000), 'the preview after clearing');
  });

  it('destroying the publisher destroys the connector: processed track ended, workers terminated', async () => {
    const workers = watchWorkers();
    cleanup.push(() => workers.restore());
    const camera = await clipTrack(cleanup);
    const { publisher, preview } = await publisherOf(camera);
    const connector = createVonageConnector({ blur: 'strong' });
    const ready = new Promise((resolve) => connector.addEventListener('ready', resolve, { once: true }));
    await publisher.setVideoMediaProcessorConnector(connector);
    const processed = (preview.srcObject as MediaStream).getVideoTracks()[0]!;
    await ready;
    const begun = [...workers.workers];
    expect(begun.length, 'workers started').to.be.greaterThan(0);

    publisher.destroy();
    // The SDK does not wait for the connector's destroy(); ours ends everything at once.
    expect(processed.readyState, 'the processed track').to.equal('ended');
    expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
  });
});
