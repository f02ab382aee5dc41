// The Agora adapter in the real agora-rtc-sdk-ng: a custom local video track over the webcam
// clip (no channel joined, no server), the extension registered and its processor piped the
// SDK's way, and the SDK's own player read.
import { expect } from '@open-wc/testing';
import AgoraRTC, { type ILocalVideoTrack } from 'agora-rtc-sdk-ng';
import { createAgoraExtension, type AgoraVirtualBackgroundProcessor } from '../../src/adapters/agora.js';
import {
  cleanupAfterEach,
  clipTrack,
  errorsOf,
  expectPainted,
  expectPaintsAndConfigures,
  expectRawPreview,
  expectReleased,
  isGreen,
  painted,
  presentedUntil,
  watchedWorkers,
} from '../support/sdk-preview.js';
import { elementWorkerNames } from '../support/workers.js';

const cleanup = cleanupAfterEach();

interface Piped {
  camera: MediaStreamTrack;
  track: ILocalVideoTrack;
  processor: AgoraVirtualBackgroundProcessor;
  /** The player's `<video>` (the SDK may replace it). */
  video(): HTMLVideoElement;
}

/**
 * A custom local video track of the clip, playing in a box in the page, with a processor of a
 * registered extension (green background) piped in the SDK's way.
 */
async function piped(): Promise<Piped> {
  const camera = await clipTrack(cleanup);
  const extension = createAgoraExtension({ backgroundColor: '#00ff00' });
  AgoraRTC.registerExtensions([extension]);
  const track = AgoraRTC.createCustomVideoTrack({ mediaStreamTrack: camera });
  cleanup.push(() => track.close());
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:0;top:0;width:160px;height:120px';
  document.body.append(box);
  cleanup.push(() => box.remove());
  track.play(box);
  const processor = extension.createProcessor();
  track.pipe(processor).pipe(track.processorDestination);
  const video = () => {
    const element = box.querySelector('video');
    if (!element) throw new Error('the player has no <video>');
    return element;
  };
  return { camera, track, processor, video };
}

const shown = (video: HTMLVideoElement) => (video.srcObject as MediaStream).getVideoTracks()[0]!;

describe('virtual-bg-camera/agora in agora-rtc-sdk-ng', () => {
  before(() => {
    AgoraRTC.setLogLevel(3);
    AgoraRTC.disableLogUpload();
  });

  it('piped into a local track, the player shows the background painted and the face kept; unpiping ends its track and its workers', async () => {
    const workers = watchedWorkers(cleanup);
    const { camera, track, processor, video } = await piped();
    const errors = errorsOf(processor);
    await expectPaintsAndConfigures(processor, video, errors);
    const processed = shown(video());
    expect(processed, 'the player shows another track than the camera').not.to.equal(camera);

    const begun = [...workers.workers];
    expect(begun.map((w) => w.name).sort()).to.deep.equal(elementWorkerNames());
    track.unpipe();
    processor.unpipe();
    track.pipe(track.processorDestination);
    expectReleased(begun, processed);
    await expectRawPreview(video, 'the player after unpiping');
  });

  it('disable() passes the camera through and releases the workers; enable() paints again', async () => {
    const workers = watchedWorkers(cleanup);
    const { track, processor, video } = await piped();
    cleanup.push(() => track.unpipe());
    const errors = errorsOf(processor);
    await presentedUntil(video(), painted(isGreen));
    const processed = shown(video());
    const begun = [...workers.workers];

    await processor.disable();
    expectReleased(begun, processed);
    await expectRawPreview(video, 'the player while disabled');

    await processor.enable();
    expectPainted(await presentedUntil(video(), painted(isGreen)), isGreen, 'green after enable()');
    expect(errors).to.deep.equal([]);
  });
});
