// The Agora adapter in the real agora-rtc-sdk-ng: a custom local video track over the webcam
// clip (no channel joined, no server), the extension registered and its processor piped the
// SDK's way, and the SDK's own player read.
import { expect } from '@open-wc/testing';
import AgoraRTC, { type ILocalVideoTrack } from 'agora-rtc-sdk-ng';
import { createAgoraExtension } from '../../src/adapters/agora.js';
import { stopClips } from '../support/clip.js';
import { clipTrack, errorsOf, expectPainted, expectUnpainted, isBlue, isGreen, painted, presentedUntil, unpainted } from '../support/sdk-preview.js';
import { elementWorkerNames, watchWorkers } from '../support/workers.js';

const cleanup: (() => unknown)[] = [];

/** A local video track of `camera`, playing in a box in the page; `video()` is the player's `<video>`. */
function playing(camera: MediaStreamTrack): { track: ILocalVideoTrack; video(): HTMLVideoElement } {
  const track = AgoraRTC.createCustomVideoTrack({ mediaStreamTrack: camera });
  cleanup.push(() => track.close());
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:0;top:0;width:160px;height:120px';
  document.body.append(box);
  cleanup.push(() => box.remove());
  track.play(box);
  return {
    track,
    video() {
      const video = box.querySelector('video');
      if (!video) throw new Error('the player has no <video>');
      return video;
    },
  };
}

const shown = (video: HTMLVideoElement) => (video.srcObject as MediaStream).getVideoTracks()[0]!;

describe('virtual-bg-camera/agora in agora-rtc-sdk-ng', () => {
  before(() => {
    AgoraRTC.setLogLevel(3);
    AgoraRTC.disableLogUpload();
  });

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    stopClips();
  });

  it('piped into a local track, the player shows the background painted and the face kept; unpiping ends its track and its workers', async () => {
    const workers = watchWorkers();
    cleanup.push(() => workers.restore());
    const camera = await clipTrack(cleanup);
    const extension = createAgoraExtension({ backgroundColor: '#00ff00' });
    AgoraRTC.registerExtensions([extension]);
    const { track, video } = playing(camera);

    const processor = extension.createProcessor();
    const errors = errorsOf(processor);
    track.pipe(processor).pipe(track.processorDestination);
    expectPainted(await presentedUntil(video(), painted(isGreen)), isGreen, 'green');
    const processed = shown(video());
    expect(processed, 'the player shows another track than the camera').not.to.equal(camera);

    processor.configure({ backgroundColor: '#0000ff' });
    expectPainted(await presentedUntil(video(), painted(isBlue)), isBlue, 'blue after configure()');
    expect(errors).to.deep.equal([]);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    track.unpipe();
    processor.unpipe();
    track.pipe(track.processorDestination);
    expect(processed.readyState, 'the processed track').to.equal('ended');
    expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
    expectUnpainted(await presentedUntil(video(), unpainted, 10_000), 'the player after unpiping');
  });

  it('disable() passes the camera through and releases the workers; enable() paints again', async () => {
    const workers = watchWorkers();
    cleanup.push(() => workers.restore());
    const camera = await clipTrack(cleanup);
    const extension = createAgoraExtension({ backgroundColor: '#00ff00' });
    AgoraRTC.registerExtensions([extension]);
    const { track, video } = playing(camera);
    const processor = extension.createProcessor();
    cleanup.push(() => track.unpipe());
    const errors = errorsOf(processor);
    track.pipe(processor).pipe(track.processorDestination);
    await presentedUntil(video(), painted(isGreen));
    const processed = shown(video());
    const begun = [...workers.workers];

    await processor.disable();
    expect(processed.readyState, 'the processed track').to.equal('ended');
    expect(begun.every((w) => w.terminated), 'every worker it started is terminated').to.equal(true);
    expectUnpainted(await presentedUntil(video(), unpainted, 10_000), 'the player while disabled');

    await processor.enable();
    expectPainted(await presentedUntil(video(), painted(isGreen)), isGreen, 'green after enable()');
    expect(errors).to.deep.equal([]);
  });
});
