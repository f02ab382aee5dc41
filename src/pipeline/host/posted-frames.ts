/**
 * Turns frames posted one by one (the `<video>` input path) into the stream the pipeline
 * reads. One frame of room, and it holds the newest: a frame that arrives while another waits
 * replaces it (the older one is closed), so a slow pipeline skips frames instead of falling
 * behind.
 *
 * A read is answered only once the frame messages already queued have landed. Drawing a
 * frame is synchronous and can take longer than the camera's frame interval; were each frame
 * message to start a draw in its own task, the host would handle one message per draw: posted
 * frames would queue up behind one another (the output falling ever further behind the
 * camera), and Firefox would hold back the segmenter's replies, which come on another port,
 * for tens of seconds. Letting the queued messages land first costs no more than closing the
 * frames they replace.
 */
export class PostedFrames {
  private input = -1;
  private controller: ReadableStreamDefaultController<VideoFrame> | null = null;
  /** The newest frame, not yet read. */
  private waiting: VideoFrame | null = null;
  /** A read is pending and the queued messages have landed: the next frame goes straight to it. */
  private wanted = false;
  /** Frames pushed so far, to tell whether one landed while waiting. */
  private pushes = 0;

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
          this.wanted = false;
        },
        pull: async (controller) => {
          // Engines need not run tasks from different ports in the order they were queued
          // (Chromium runs one message of a port per task): wait until a task passes with no
          // frame landing, rather than for one task.
          let pushes: number;
          do {
            pushes = this.pushes;
            await nextTask();
          } while (this.pushes !== pushes && this.controller === controller);
          if (this.controller !== controller) return;
          this.wanted = true;
          this.deliver();
        },
        cancel: () => {
          if (this.input === input) this.release();
        },
      },
      { highWaterMark: 0 },
    );
  }

  push(input: number, frame: VideoFrame): void {
    if (input !== this.input || !this.controller) return frame.close();
    this.pushes++;
    this.waiting?.close();
    this.waiting = frame;
    this.deliver();
  }

  end(input: number): void {
    if (input !== this.input || !this.controller) return;
    const controller = this.controller;
    this.release();
    controller.close();
  }

  private deliver(): void {
    if (!this.wanted || !this.waiting || !this.controller) return;
    this.wanted = false;
    this.controller.enqueue(this.waiting);
    this.waiting = null;
  }

  private release(): void {
    this.waiting?.close();
    this.waiting = null;
    this.wanted = false;
    this.controller = null;
  }
}

/**
 * Resolves in a new task. A message to oneself rather than a timer: timers on a hidden page
 * (the page host's) are throttled to one a second.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
