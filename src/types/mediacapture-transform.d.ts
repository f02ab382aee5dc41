// The parts of W3C mediacapture-transform that this project uses. Chromium exposes both
// classes on Window; TypeScript's DOM lib does not declare them there yet.

interface MediaStreamTrackProcessorInit {
  track: MediaStreamTrack;
  maxBufferSize?: number;
}

interface MediaStreamTrackProcessor {
  readonly readable: ReadableStream<VideoFrame>;
}

// eslint-disable-next-line no-var -- a global constructor, declared as lib.dom.d.ts declares its own
declare var MediaStreamTrackProcessor: {
  prototype: MediaStreamTrackProcessor;
  new (init: MediaStreamTrackProcessorInit): MediaStreamTrackProcessor;
};

interface MediaStreamVideoTrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}

// eslint-disable-next-line no-var -- a global constructor, declared as lib.dom.d.ts declares its own
declare var MediaStreamTrackGenerator: {
  prototype: MediaStreamVideoTrackGenerator;
  new (init: { kind: 'video' }): MediaStreamVideoTrackGenerator;
};
