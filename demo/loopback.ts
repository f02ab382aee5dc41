// "Loopback call" panel: sends the element's output track through a real RTCPeerConnection
// pair on this page and shows what the far side receives, with its frame rate and size from
// getStats(). Nothing leaves the machine: no STUN/TURN servers, host candidates only.
import type { TrackEventDetail } from '../src/components/virtual-bg-camera/virtual-bg-camera.js';
import { byId, cameraElement } from './dom.js';


const camera = cameraElement();

const startButton = byId('call-start', HTMLButtonElement);
const hangUpButton = byId('call-hang-up', HTMLButtonElement);
const remoteVideo = byId('call-video', HTMLVideoElement);
const readout = {
  state: byId('call-state', HTMLElement),
  fps: byId('call-fps', HTMLElement),
  size: byId('call-size', HTMLElement),
  codec: byId('call-codec', HTMLElement),
};

/** Two peers on one page, the caller sending one video track to the callee. */
class LoopbackCall {
  private readonly caller = new RTCPeerConnection();
  private readonly callee = new RTCPeerConnection();
  readonly sender: RTCRtpSender;
  readonly received: Promise<MediaStreamTrack>;
  private readonly flushToCallee: () => void;
  private readonly flushToCaller: () => void;

  constructor(track: MediaStreamTrack, onState: (state: RTCPeerConnectionState) => void) {
    this.flushToCallee = this.relayCandidates(this.caller, this.callee);
    this.flushToCaller = this.relayCandidates(this.callee, this.caller);
    this.received = new Promise((resolve) => this.callee.addEventListener('track', (event) => resolve(event.track), { once: true }));
    this.callee.addEventListener('connectionstatechange', () => onState(this.callee.connectionState));
    this.sender = this.caller.addTrack(track);
  }

  /** The offer/answer exchange, done in-page instead of over a signalling server. */
  async connect(): Promise<void> {
    await this.caller.setLocalDescription(await this.caller.createOffer());
    await this.callee.setRemoteDescription(this.caller.localDescription!);
    this.flushToCallee();
    await this.callee.setLocalDescription(await this.callee.createAnswer());
    await this.caller.setRemoteDescription(this.callee.localDescription!);
    this.flushToCaller();
  }

  /** The callee's inbound video stats, with the codec's MIME type. */
  async inbound(): Promise<{ stats: RTCInboundRtpStreamStats; codec: string } | null> {
    const report = await this.callee.getStats();
    for (const stats of report.values()) {
      if (stats.type !== 'inbound-rtp' || stats.kind !== 'video') continue;
      const inbound = stats as RTCInboundRtpStreamStats;
      const codec = inbound.codecId ? (report.get(inbound.codecId) as { mimeType?: string } | undefined)?.mimeType : undefined;
      return { stats: inbound, codec: codec?.replace(/^video\//, '') ?? '—' };
    }
    return null;
  }

  close(): void {
    this.caller.close();
    this.callee.close();
  }

  /**
   * Hands each ICE candidate straight to the other peer. One that arrives before that peer has
   * its remote description is held; the returned function passes those on once it has.
   */
  private relayCandidates(from: RTCPeerConnection, to: RTCPeerConnection): () => void {
    const held: RTCIceCandidate[] = [];
    const add = (candidate: RTCIceCandidate) => void to.addIceCandidate(candidate).catch(() => undefined);
    from.addEventListener('icecandidate', ({ candidate }) => {
      if (!candidate) return;
      if (to.remoteDescription) add(candidate);
      else held.push(candidate);
    });
    return () => held.splice(0).forEach(add);
  }
}

let call: LoopbackCall | null = null;
let statsTimer = 0;

function resetReadout(state = 'Not connected'): void {
  readout.state.textContent = state;
  readout.fps.textContent = '—';
  readout.size.textContent = '—';
  readout.codec.textContent = '—';
}

function setCalling(calling: boolean): void {
  startButton.disabled = calling;
  hangUpButton.disabled = !calling;
}

async function showStats(active: LoopbackCall): Promise<void> {
  const inbound = await active.inbound();
  if (call !== active || !inbound) return;
  const { stats, codec } = inbound;
  readout.fps.textContent = stats.framesPerSecond !== undefined ? `${stats.framesPerSecond.toFixed(0)} fps` : '—';
  readout.size.textContent = stats.frameWidth && stats.frameHeight ? `${stats.frameWidth} × ${stats.frameHeight}` : '—';
  readout.codec.textContent = codec;
}

async function startCall(): Promise<void> {
  const track = camera.track;
  if (!track) {
    readout.state.textContent = 'No output track: start the camera first';
    return;
  }
  setCalling(true);
  readout.state.textContent = 'Connecting…';
  const active = (call = new LoopbackCall(track, (state) => {
    if (call === active) readout.state.textContent = state === 'connected' ? 'Connected' : state;
  }));
  try {
    await active.connect();
    const received = await active.received;
    if (call !== active) return;
    remoteVideo.srcObject = new MediaStream([received]);
    remoteVideo.play().catch(() => undefined);
    statsTimer = window.setInterval(() => void showStats(active), 1000);
  } catch (error) {
    if (call !== active) return;
    hangUp();
    readout.state.textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function hangUp(): void {
  window.clearInterval(statsTimer);
  call?.close();
  call = null;
  remoteVideo.srcObject = null;
  setCalling(false);
  resetReadout();
}

// After stop()/start() the element emits a new track. A real app swaps it into the existing
// sender: no renegotiation, and the far side keeps the same receiving track.
camera.addEventListener('track', (event: CustomEvent<TrackEventDetail>) => {
  call?.sender.replaceTrack(event.detail.track).catch((error: unknown) => {
    readout.state.textContent = `replaceTrack failed: ${error instanceof Error ? error.message : String(error)}`;
  });
});

startButton.addEventListener('click', () => void startCall());
hangUpButton.addEventListener('click', hangUp);
setCalling(false);
resetReadout();
