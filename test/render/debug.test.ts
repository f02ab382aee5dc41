import { Compositor } from '../../src/render/compositor.js';
import { toImageData } from '../support/pixels.js';
function frameOf(w: number, h: number) {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#808080'; ctx.fillRect(0, 0, w, h);
  return new VideoFrame(canvas, { timestamp: 0 });
}
it('debug', async () => {
  const c = await Compositor.create();
  c.setEffect({ kind: 'blur', sigma720: 8 });
  c.debugMatte = true;
  c.setMatteOptions({ edgeSoftness: 0, temporal: false, lightWrap: 0 });
  c.setMask({ data: new Uint8Array(256 * 256).fill(255), width: 256, height: 256 });
  for (const [w, h] of [[640, 480], [565, 800], [565, 800], [800, 600]]) {
    const f = frameOf(w!, h!);
    c.render(f);
    const img = toImageData(c.canvas, w!, h!);
    const col = [];
    for (let y = 0; y < h!; y += 50) col.push(img.data[(y * w! + 10) * 4]);
    const a = c as any; console.log(JSON.stringify({orig: a.frameSprite.texture.orig, frame: a.frameSprite.texture.frame, src: [a.cameraSource.width, a.cameraSource.height], b: a.frameSprite.getBounds().rectangle, vp: a.renderer.renderTarget.rootViewPort}));
    console.log(`${w}x${h} canvas ${c.canvas.width}x${c.canvas.height}: ${col.join(' ')}`);
  }
});
