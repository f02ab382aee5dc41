/**
 * Converts the frames of a transferred `ReadableStream<VideoFrame>` into `ImageBitmap`s and
 * posts each one (transferred) with its frame's timestamp (which bench/twilio.mjs reads to
 * measure the output's age), off the page's main thread: the Twilio adapter's output side in
 * Chromium. One frame at a time; the stream's own buffer drops the stale ones.
 */
export interface ConvertedFrame {
  readonly bitmap: ImageBitmap;
  /** The `VideoFrame`'s timestamp, µs: the input frame's, which the pipeline keeps. */
  readonly timestamp: number;
}

self.addEventListener('message', (event: MessageEvent<ReadableStream<VideoFrame>>) => {
  void convert(event.data.getReader());
});

async function convert(reader: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
  for (;;) {
    const { value: frame, done } = await reader.read();
    if (done) return;
    try {
      const bitmap = await createImageBitmap(frame);
      self.postMessage({ bitmap, timestamp: frame.timestamp } satisfies ConvertedFrame, { transfer: [bitmap] });
    } finally {
      frame.close();
    }
  }
}
