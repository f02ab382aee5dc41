/** A source that is unmistakable if ever shown raw, for the fail-closed tests. */

/** 4-px vertical magenta/green stripes filling the frame: unmistakable if ever shown raw. */
export function stripesStream(): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d')!;
  let phase = 0;
  const draw = () => {
    for (let x = 0; x < 640; x += 4) {
      context.fillStyle = (x / 4 + phase) % 2 ? '#ff00ff' : '#00ff00';
      context.fillRect(x, 0, 4, 480);
    }
    phase ^= 1; // changes every frame, so the canvas keeps emitting frames
  };
  draw();
  const timer = setInterval(draw, 1000 / 15);
  const stream = canvas.captureStream(); // a frame per draw, in every engine
  return { stream, stop: () => (clearInterval(timer), stream.getTracks().forEach((t) => t.stop())) };
}

/** Mean |green(x) − green(x+4)| over a band of rows: ~255 for the raw stripes, small once blurred. */
export function stripeContrast(frame: ImageData): number {
  let sum = 0;
  let count = 0;
  for (let y = 200; y < 280; y += 4) {
    for (let x = 40; x < 600; x++) {
      const i = (y * frame.width + x) * 4 + 1;
      sum += Math.abs(frame.data[i]! - frame.data[i + 16]!);
      count++;
    }
  }
  return sum / count;
}
