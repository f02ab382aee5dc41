/**
 * A live canvas for `backgroundSource` in the demo and the stories: slow colour bands and a
 * turning hand, drawn 30 times a second, as its `captureStream()`. `stop()` ends its drawing
 * and its track.
 */
export function liveCanvas(): { readonly stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d')!;
  const draw = () => {
    const t = performance.now() / 1000;
    for (let band = 0; band < 8; band++) {
      context.fillStyle = `hsl(${(band * 45 + t * 40) % 360} 55% 45%)`;
      context.fillRect(band * 80, 0, 80, 360);
    }
    context.strokeStyle = '#fff';
    context.lineWidth = 10;
    context.beginPath();
    context.moveTo(320, 180);
    context.lineTo(320 + 140 * Math.cos(t), 180 + 140 * Math.sin(t));
    context.stroke();
  };
  draw();
  const timer = setInterval(draw, 1000 / 30);
  const stream = canvas.captureStream();
  return {
    stream,
    stop: () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}
