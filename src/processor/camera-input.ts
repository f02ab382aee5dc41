import { errorMessage } from '../shared/error-message.js';
import { VirtualBgCameraError } from '../shared/errors.js';

export interface CameraConstraints {
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly deviceId?: string;
  readonly facingMode?: string;
}

/** Where the session's frames come from. */
export type InputSpec =
  /** A camera the session opens, and stops again. */
  | { readonly kind: 'camera'; readonly constraints: CameraConstraints }
  /** A stream the caller owns: never stopped here. */
  | { readonly kind: 'stream'; readonly stream: MediaStream };

/**
 * Owns the input stream: either the camera it opens, or a stream the caller handed in.
 * Tracks it opened are always stopped on `close()`; a caller's own stream is never
 * stopped, since the caller still owns it.
 */
export class CameraInput {
  stream: MediaStream | null = null;
  private owned = false;

  /**
   * Opens `input` and makes it current. `adopt` runs with the new stream before the previous
   * one is released, so the pipeline switches over first and never sees its input end mid-switch.
   */
  async open(input: InputSpec, signal: AbortSignal, adopt: (stream: MediaStream) => void = () => undefined): Promise<MediaStream> {
    if (input.kind === 'stream') {
      const source = input.stream;
      if (!source.getVideoTracks().length) {
        throw new VirtualBgCameraError('camera-not-found', 'The `source` stream has no video track.');
      }
      this.replace(source, false, adopt);
      return source;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new VirtualBgCameraError('camera-not-found', 'This page has no camera API (it needs a secure context).');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: videoConstraints(input.constraints) });
    } catch (error) {
      throw cameraError(error);
    }
    if (signal.aborted) {
      // Stopped or disconnected while the permission prompt was up: release at once.
      stopTracks(stream);
      throw signal.reason;
    }
    this.replace(stream, true, adopt);
    return stream;
  }

  /** Resolves on the next `devicechange` (a camera plugged in or freed), or never once `signal` aborts. */
  nextDeviceChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      navigator.mediaDevices?.addEventListener('devicechange', () => resolve(), { once: true, signal });
    });
  }

  private replace(stream: MediaStream, owned: boolean, adopt: (stream: MediaStream) => void): void {
    const previous = this.stream !== stream && this.owned ? this.stream : null;
    this.stream = stream;
    this.owned = owned;
    try {
      adopt(stream);
    } finally {
      if (previous) stopTracks(previous);
    }
  }

  /** Stops the tracks opened here and forgets the stream. */
  close(): void {
    if (this.stream && this.owned) stopTracks(this.stream);
    this.stream = null;
    this.owned = false;
  }
}

function videoConstraints({ width, height, frameRate, deviceId, facingMode }: CameraConstraints): MediaTrackConstraints {
  const video: MediaTrackConstraints = {
    width: { ideal: width ?? 640 },
    height: { ideal: height ?? 480 },
  };
  if (frameRate) video.frameRate = { ideal: frameRate };
  if (deviceId) video.deviceId = { exact: deviceId };
  if (facingMode) video.facingMode = { ideal: facingMode };
  return video;
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Maps `getUserMedia` failures (DOMException names per the spec) to the element's codes. */
function cameraError(error: unknown): VirtualBgCameraError {
  const name = error instanceof DOMException ? error.name : '';
  const detail = errorMessage(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new VirtualBgCameraError('camera-denied', `Camera permission was denied: ${detail}`, { cause: error });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new VirtualBgCameraError('camera-not-found', `No camera matches the request: ${detail}`, { cause: error });
    case 'NotReadableError':
    case 'AbortError':
      return new VirtualBgCameraError('camera-busy', `The camera could not be started: ${detail}`, { cause: error });
    default:
      return new VirtualBgCameraError('camera-failed', `The camera failed: ${detail}`, { cause: error });
  }
}
