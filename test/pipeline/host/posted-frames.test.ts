import { expect } from '@open-wc/testing';
import { PostedFrames } from '../../../src/pipeline/host/posted-frames.js';

/** A tiny frame; `closed` tells whether whoever got it has closed it. */
function frame(timestamp: number): VideoFrame {
  return new VideoFrame(new Uint8Array(2 * 2 * 4), { format: 'RGBA', codedWidth: 2, codedHeight: 2, timestamp });
}
const closed = (frame: VideoFrame) => frame.format === null;

describe('posted frames: the <video> input path, frame by frame into the pipeline', () => {
  it('delivers the open input’s frames, in order', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(1).getReader();
    for (const timestamp of [10, 20, 30]) {
      const sent = frame(timestamp);
      posted.push(1, sent);
      const { value } = await reader.read();
      expect(value).to.equal(sent);
      value!.close();
    }
  });

  it('has room for one frame, the newest: one that arrives while another waits replaces it (the older is closed)', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(1).getReader();
    const [first, second] = [frame(10), frame(20)];
    posted.push(1, first);
    posted.push(1, second);
    expect(closed(first), 'the older frame is released at once').to.equal(true);
    const { value } = await reader.read();
    expect(value).to.equal(second);
    expect(closed(second)).to.equal(false);
    second.close();
    const third = frame(30);
    posted.push(1, third);
    expect((await reader.read()).value, 'room again once read').to.equal(third);
    third.close();
  });

  it('a read is answered after the messages already queued: a backlog collapses to its newest frame', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(1).getReader();
    // Frames posted as messages, as the page posts them, all queued before the read.
    const channel = new MessageChannel();
    channel.port1.onmessage = (message: MessageEvent<number>) => posted.push(1, frame(message.data));
    const sent = [10, 20, 30, 40];
    for (const timestamp of sent) channel.port2.postMessage(timestamp);
    const { value } = await reader.read();
    channel.port1.close();
    expect(value?.timestamp, 'the newest of the queued frames').to.equal(40);
    value!.close();
  });

  it('a new input ends the previous one; frames still posted for it are released', async () => {
    const posted = new PostedFrames();
    const old = posted.open(1).getReader();
    const current = posted.open(2).getReader();
    expect((await old.read()).done, 'the old stream ends').to.equal(true);
    const stale = frame(10);
    posted.push(1, stale);
    expect(closed(stale)).to.equal(true);
    const fresh = frame(20);
    posted.push(2, fresh);
    expect((await current.read()).value).to.equal(fresh);
    fresh.close();
  });

  it('input-end ends that input’s stream, and only that input’s', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(2).getReader();
    posted.end(1);
    const kept = frame(10);
    posted.push(2, kept);
    expect((await reader.read()).value, 'an old input’s end changes nothing').to.equal(kept);
    kept.close();
    posted.end(2);
    expect((await reader.read()).done).to.equal(true);
    const late = frame(20);
    posted.push(2, late);
    expect(closed(late), 'frames after the end are released').to.equal(true);
  });

  it('close() ends whatever input is open (the host is being destroyed)', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(7).getReader();
    posted.close();
    expect((await reader.read()).done).to.equal(true);
  });

  it('once the pipeline cancels the stream (a switch), frames are released', async () => {
    const posted = new PostedFrames();
    const reader = posted.open(1).getReader();
    await reader.cancel();
    const after = frame(10);
    posted.push(1, after);
    expect(closed(after)).to.equal(true);
  });
});
