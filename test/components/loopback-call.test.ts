import { expect } from '@open-wc/testing';
import { personSource } from '../support/clip.js';
import { nextEvent, removeAllElements, settle, startElement } from '../support/element.js';
import { WEBCAM } from '../support/media.js';
import { meanColor, TrackReader, type Rect } from '../support/pixels.js';
import type { TrackEventDetail } from '../../src/components/virtual-bg-camera/virtual-bg-camera.js';

/**
 * A real call on one page: the element's track goes through an RTCPeerConnection pair
 * (encoded, sent over loopback ICE, decoded), and the checks read what the far side receives.
 * The element's source is the webcam clip (`personSource()`), so the face is there in every engine.
 */

/**
 * A green that survived a video codec (4:2:0 YUV, lossy). Measured in headless Chromium over
 * VP8 at 640x480: the painted corners arrive as rgb(0, 255, 0); the same corners with no
 * effect (the room) as about rgb(82, 58, 20) and rgb(97, 70, 21); the face as rgb(243, 156, 91).
 * The margins leave room for a softer codec or a lower bitrate, and the control test below
 * checks that passthrough fails this test.
 */
const isCodecGreen = ([r, g, b]: [number, number, number]) => g > 220 && r < 50 && b < 50;

interface LoopbackCall {
  readonly sender: RTCRtpSender;
  /** The track as the receiving peer decodes it. */
  readonly received: MediaStreamTrack;
  inbound(): Promise<RTCInboundRtpStreamStats | undefined>;
  close(): void;
}

/** Connects two peers on this page (no STUN/TURN: host candidates only) and sends `track` from one to the other. */
async function loopbackCall(track: MediaStreamTrack): Promise<LoopbackCall> {
  const caller = new RTCPeerConnection();
  const callee = new RTCPeerConnection();
  // Candidates can arrive before the remote description is set; hold them until it is.
  const relay = (from: RTCPeerConnection, to: RTCPeerConnection) => {
    const pending: RTCIceCandidate[] = [];
    from.addEventListener('icecandidate', ({ candidate }) => {
      if (!candidate) return;
      if (to.remoteDescription) void to.addIceCandidate(candidate);
      else pending.push(candidate);
    });
    return () => pending.splice(0).forEach((candidate) => void to.addIceCandidate(candidate));
  };
  const flushToCallee = relay(caller, callee);
  const flushToCaller = relay(callee, caller);
  const received = new Promise<MediaStreamTrack>((resolve) => callee.addEventListener('track', (event) => resolve(event.track), { once: true }));
  const connected = new Promise<void>((resolve, reject) => {
    callee.addEventListener('connectionstatechange', () => {
      if (callee.connectionState === 'connected') resolve();
      if (callee.connectionState === 'failed') reject(new Error('the loopback call failed to connect'));
    });
  });

  const sender = caller.addTrack(track);
  await caller.setLocalDescription(await caller.createOffer());
  await callee.setRemoteDescription(caller.localDescription!);
  flushToCallee();
  await callee.setLocalDescription(await callee.createAnswer());
  await caller.setRemoteDescription(callee.localDescription!);
  flushToCaller();
  await connected;

  return {
    sender,
    received: await received,
    async inbound() {
      const report = await callee.getStats();
      return [...report.values()].find((s): s is RTCInboundRtpStreamStats => s.type === 'inbound-rtp' && s.kind === 'video');
    },
    close() {
      caller.close();
      callee.close();
    },
  };
}

/** `rect` (in 640x480 clip coordinates) scaled to a frame of another size: the sender may lower the resolution. */
function scaled(rect: Rect, frame: ImageData): Rect {
  const sx = frame.width / 640;
  const sy = frame.height / 480;
  return { x: Math.floor(rect.x * sx), y: Math.floor(rect.y * sy), width: Math.max(1, Math.floor(rect.width * sx)), height: Math.max(1, Math.floor(rect.height * sy)) };
}

/** Reads received frames for `ms` (so the call's bitrate has ramped up) and returns the last one. */
async function lastFrame(track: MediaStreamTrack, ms = 2000): Promise<ImageData> {
  const reader = new TrackReader(track);
  try {
    let frame = await reader.read();
    const until = performance.now() + ms;
    while (performance.now() < until) frame = await reader.read();
    return frame;
  } finally {
    reader.close();
  }
}

function colours(frame: ImageData) {
  return {
    topLeft: meanColor(frame, scaled(WEBCAM.topLeft, frame)),
    topRight: meanColor(frame, scaled(WEBCAM.topRight, frame)),
    face: meanColor(frame, scaled(WEBCAM.face, frame)),
  };
}

const show = (rgb: [number, number, number]) => `rgb(${rgb.map(Math.round).join(', ')})`;

/** WebKitGTK builds without WebRTC (as Debian's) have no RTCPeerConnection: nothing to call with. */
const hasWebRtc = typeof RTCPeerConnection === 'function';
const callIt = (title: string, test: () => Promise<void>) =>
  hasWebRtc ? it(title, test) : it.skip(`${title} (skipped: this browser has no RTCPeerConnection)`);

describe('<virtual-bg-camera> in a loopback WebRTC call', () => {
  let call: LoopbackCall | undefined;

  afterEach(() => {
    call?.close();
    call = undefined;
    removeAllElements();
  });

  callIt('the far side receives the green background with the face kept', async () => {
    const { track } = await startElement({ 'background-color': '#00ff00' }, await personSource());
    call = await loopbackCall(track);
    await settle();
    const frame = await lastFrame(call.received);
    const { topLeft, topRight, face } = colours(frame);

    const inbound = await call.inbound();
    expect(inbound?.framesDecoded ?? 0, 'frames were decoded by the receiving peer').to.be.greaterThan(0);
    expect(isCodecGreen(topLeft), `top-left corner is green: ${show(topLeft)}`).to.equal(true);
    expect(isCodecGreen(topRight), `top-right corner is green: ${show(topRight)}`).to.equal(true);
    expect(isCodecGreen(face), `face is not green: ${show(face)}`).to.equal(false);
  });

  callIt('control: with no effect the same checks see the room, not green', async () => {
    const { track } = await startElement({}, await personSource());
    call = await loopbackCall(track);
    await settle();
    const { topLeft, topRight, face } = colours(await lastFrame(call.received));
    expect(isCodecGreen(topLeft), `top-left corner is the room: ${show(topLeft)}`).to.equal(false);
    expect(isCodecGreen(topRight), `top-right corner is the room: ${show(topRight)}`).to.equal(false);
    expect(isCodecGreen(face), `face is not green: ${show(face)}`).to.equal(false);
  });

  callIt('keeps the call going across stop()/start() with RTCRtpSender.replaceTrack()', async () => {
    const { element, track } = await startElement({ 'background-color': '#00ff00' }, await personSource());
    const active = (call = await loopbackCall(track));
    await settle(500);

    element.stop();
    const nextTrack = nextEvent<CustomEvent<TrackEventDetail>>(element, 'track');
    const ready = nextEvent(element, 'ready', 60_000);
    void element.start();
    const { detail } = await nextTrack;
    expect(detail.track, 'start() after stop() emits a new track').to.not.equal(track);
    await active.sender.replaceTrack(detail.track);
    await ready;
    await settle();

    const { topLeft, face } = colours(await lastFrame(active.received));
    expect(active.sender.track, 'the sender carries the new track').to.equal(detail.track);
    expect(isCodecGreen(topLeft), `top-left corner is green after replaceTrack: ${show(topLeft)}`).to.equal(true);
    expect(isCodecGreen(face), `face is not green after replaceTrack: ${show(face)}`).to.equal(false);
  });
});
