/**
 * Turns frames posted one by one (the `<video>` input path) into the stream the pipeline
 * reads. One frame of room: a frame that arrives while one is still waiting is dropped,
 * so a slow pipeline skips frames instead of falling behind.
 */
export class PostedFrames {
  private input = -1;
  private controller: ReadableStreamDefaultController<VideoFrame> | null = null;

  /** Ends the current input's stream, whichever it is. */
  close(): void {
    this.end(this.input);
  }

  /** A stream for input `input`; ends any previous one. */
  open(input: number): ReadableStream<VideoFrame> {
    this.end(this.input);
    this.input = input;
    return new ReadableStream<VideoFrame>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => {
          if (this.input === input) this.controller = null;
        },
      },
      { highWaterMark: 1 },
    );
  }

  push(input: number, frame: VideoFrame): void {
    const controller = this.controller;
    if (input !== this.input || !controller || (controller.desiredSize ?? 0) <= 0) return frame.close();
    controller.enqueue(frame);
  }

  end(input: number): void {
    if (input !== this.input || !this.controller) return;
    this.controller.close();
    this.controller = null;
  }
}
