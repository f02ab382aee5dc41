import { expect } from '@open-wc/testing';
import { CLIP_PATH, clipAsCamera, clipStream, loadClip, parseY4m, personSource, stopClips } from './clip.js';
import { openCamera } from './element.js';
import { WEBCAM } from './media.js';
import { everyFrame, frameReaderKind, laplacianVariance, meanAbsDiff, meanColor, readFrame, TrackReader } from './pixels.js';

const WHOLE = { x: 0, y: 0, width: 640, height: 480 } as const;

/** The clip frame closest to `image` (mean abs difference per channel over the whole frame). */
async function closestClipFrame(image: ImageData): Promise<{ index: number; difference: number }> {
  const clip = await loadClip();
  const candidate = new ImageData(clip.width, clip.height);
  let best = { index: -1, difference: Infinity };
  for (let index = 0; index < clip.frameCount; index++) {
    clip.frame(index, candidate);
    const difference = meanAbsDiff(image, candidate, WHOLE);
    if (difference < best.difference) best = { index, difference };
  }
  return best;
}

const stopAll = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());

describe('test support: the webcam clip as a person source', () => {
  afterEach(stopClips);

  it('parses the y4m header and every FRAME marker', async () => {
    const clip = await loadClip();
    expect([clip.width, clip.height, clip.fps, clip.frameCount, clip.fullRange]).to.deep.equal([640, 480, 15, 136, false]);
    expect(await loadClip(), 'fetched once per page').to.equal(await loadClip(CLIP_PATH));

    // A tiny 2x2 limited-range clip with a frame parameter: black, then white, then mid-grey.
    const header = 'YUV4MPEG2 W2 H2 F30:1 Ip A1:1 C420jpeg XCOLORRANGE=LIMITED\n';
    const frame = (y: number, marker = 'FRAME\n') => [...marker].map((c) => c.charCodeAt(0)).concat([y, y, y, y, 128, 128]);
    const bytes = new Uint8Array([...[...header].map((c) => c.charCodeAt(0)), ...frame(16), ...frame(235, 'FRAME Ixyz\n'), ...frame(126)]);
    const tiny = parseY4m(bytes);
    expect([tiny.width, tiny.height, tiny.fps, tiny.frameCount]).to.deep.equal([2, 2, 30, 3]);
    const out = new ImageData(2, 2);
    const first = (index: number) => (tiny.frame(index, out), [...out.data.subarray(0, 4)]);
    expect(first(0), 'Y 16 is black').to.deep.equal([0, 0, 0, 255]);
    expect(first(1), 'Y 235 is white').to.deep.equal([255, 255, 255, 255]);
    expect(first(2), 'Y 126 is mid-grey').to.deep.equal([128, 128, 128, 255]);
    expect(first(3), 'frames wrap around, as the clip loops').to.deep.equal([0, 0, 0, 255]);
    expect(() => parseY4m(bytes.subarray(0, bytes.length - 1)), 'a truncated frame').to.throw(/truncated/);
  });

  it('converts a frame in a few milliseconds', async () => {
    const clip = await loadClip();
    const out = new ImageData(clip.width, clip.height);
    clip.frame(0, out);
    const started = performance.now();
    for (let i = 0; i < 20; i++) clip.frame(i, out);
    const ms = (performance.now() - started) / 20;
    console.log(`clip: ${ms.toFixed(2)} ms per 640x480 frame`);
    expect(ms).to.be.lessThan(15);
  });

  it('shows the man at the desk where WEBCAM says: skin-coloured face, sharper than the shelf', async () => {
    const clip = await loadClip();
    const out = new ImageData(clip.width, clip.height);
    for (const index of [0, 34, 68, 102, 135]) {
      clip.frame(index, out);
      const [r, g, b] = meanColor(out, WEBCAM.face);
      expect(r > g && g > b && r > 180, `frame ${index}: face is skin-coloured, rgb(${[r, g, b].map(Math.round)})`).to.equal(true);
      expect(laplacianVariance(out, WEBCAM.face), `frame ${index}: the face has detail`).to.be.greaterThan(5);
    }
  });

  it('plays at the clip rate, looping, and stops drawing once its tracks end', async () => {
    const stream = await personSource();
    const [track] = stream.getVideoTracks();
    expect(stream.getTracks()).to.have.length(1);
    expect([track!.kind, track!.readyState]).to.deep.equal(['video', 'live']);
    const seen = new Set<number>();
    const frames = await everyFrame(track!, new Promise((resolve) => setTimeout(resolve, 2000)), (frame) => {
      seen.add(Math.round(meanColor(frame, WEBCAM.face).reduce((a, b) => a + b) * 10));
    });
    console.log(`clip stream: ${frames} frames in 2 s, ${seen.size} distinct, read by ${frameReaderKind()}`);
    expect(frames, 'frames in 2 s at 15 fps').to.be.within(15, 34);
    expect(seen.size, 'the clip moves').to.be.greaterThan(10);

    // Stopping the track ends the playback timer: no canvas draws after it.
    const draws = countCanvasDraws();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(draws.count, 'drawing while live').to.be.greaterThan(0);
      track!.stop();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const after = draws.count;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(draws.count, 'no drawing after the track ended').to.equal(after);
    } finally {
      draws.restore();
    }
  });

  it('starts where asked, and each stream plays on its own', async () => {
    const clip = await loadClip();
    const [a, b] = await Promise.all([clipStream({ startFrame: 0 }), clipStream({ startFrame: 40 })]);
    const [frameA, frameB] = await Promise.all([readFrame(a.getVideoTracks()[0]!), readFrame(b.getVideoTracks()[0]!)]);
    const [matchA, matchB] = [await closestClipFrame(frameA), await closestClipFrame(frameB)];
    expect(matchA.difference, 'the stream shows clip frames exactly').to.be.lessThan(1);
    expect(matchB.difference).to.be.lessThan(1);
    // The clip plays forward then backward: frame i and frame (last - i) are the same picture.
    const firstHalf = (index: number) => Math.min(index, clip.frameCount - 1 - index);
    expect(firstHalf(matchA.index), 'first stream near its start').to.be.within(0, 20);
    expect(firstHalf(matchB.index), 'second stream near its start').to.be.within(40, 60);
    stopAll(a);
    expect(b.getVideoTracks()[0]!.readyState, 'stopping one leaves the other').to.equal('live');
  });

  it('clipAsCamera: getUserMedia hands out a new clip stream per call until restored', async () => {
    const fake = clipAsCamera();
    let streams: MediaStream[];
    try {
      streams = [await openCamera(), await openCamera()];
    } finally {
      fake.restore();
    }
    expect(streams[0]).to.not.equal(streams[1]);
    const frame = await readFrame(streams[0]!.getVideoTracks()[0]!);
    expect((await closestClipFrame(frame)).difference, 'a clip frame').to.be.lessThan(1);
    streams.forEach(stopAll);
  });

  it('where the fake camera plays the same y4m (Chromium), the clip matches it pixel for pixel', async function () {
    const camera = await openCamera();
    const [track] = camera.getVideoTracks();
    try {
      // Feature detection: a file-backed fake camera is labelled with its file's path.
      if (!track!.label.endsWith(CLIP_PATH)) {
        this.skip(); // this engine's fake camera shows a synthetic pattern, not the clip
      }
      const reader = new TrackReader(track!);
      for (let i = 0; i < 3; i++) {
        const frame = await reader.read();
        const { index, difference } = await closestClipFrame(frame);
        console.log(`camera frame = clip frame ${index}, mean abs difference ${difference.toFixed(2)} / 255`);
        expect(difference, 'BT.601 limited range, as the camera shows it').to.be.lessThan(1);
      }
      reader.close();
    } finally {
      stopAll(camera);
    }
  });
});

describe('test support: frame readers', () => {
  afterEach(stopClips);

  const hasProcessor = typeof MediaStreamTrackProcessor === 'function';
  for (const via of ['track-processor', 'video-frame-callback'] as const) {
    const title = `everyFrame via ${via} reads the frames as they come`;
    if (via === 'track-processor' && !hasProcessor) {
      it.skip(`${title} (skipped: no MediaStreamTrackProcessor in this engine; the video path is used instead)`);
      continue;
    }
    it(title, async () => {
      const stream = await clipStream();
      const frames = await everyFrame(stream.getVideoTracks()[0]!, new Promise((resolve) => setTimeout(resolve, 2000)), (frame) => {
        expect([frame.width, frame.height]).to.deep.equal([640, 480]);
      }, via);
      console.log(`everyFrame via ${via}: ${frames} frames in 2 s`);
      expect(frames, 'frames in 2 s at 15 fps').to.be.within(15, 34);
    });
  }

  it('everyFrame and TrackReader work while the page has stubbed requestVideoFrameCallback', async () => {
    const stream = await clipStream();
    const saved = HTMLVideoElement.prototype.requestVideoFrameCallback;
    HTMLVideoElement.prototype.requestVideoFrameCallback = (() => 0) as never;
    try {
      const frames = await everyFrame(stream.getVideoTracks()[0]!, new Promise((resolve) => setTimeout(resolve, 1000)), () => undefined, 'video-frame-callback');
      expect(frames).to.be.greaterThan(5);
      const frame = await readFrame(stream.getVideoTracks()[0]!);
      expect(frame.width).to.equal(640);
    } finally {
      HTMLVideoElement.prototype.requestVideoFrameCallback = saved;
    }
  });

  it('TrackReader leaves no video behind', async () => {
    const stream = await clipStream();
    const before = document.querySelectorAll('video').length;
    const reader = new TrackReader(stream.getVideoTracks()[0]!);
    await reader.read();
    reader.close();
    expect(document.querySelectorAll('video').length).to.equal(before);
  });
});

/** Counts `putImageData` calls on any 2D canvas until `restore()`. */
function countCanvasDraws(): { readonly count: number; restore(): void } {
  const prototype = CanvasRenderingContext2D.prototype;
  const original = prototype.putImageData;
  const counter = { count: 0, restore: () => void (prototype.putImageData = original) };
  prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof original>) {
    counter.count++;
    return (original as (...a: unknown[]) => void).apply(this, args);
  } as typeof original;
  return counter;
}
