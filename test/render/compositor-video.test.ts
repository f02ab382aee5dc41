import { expect } from '@open-wc/testing';
import type { SegmentationMask } from '../../src/inference/segmenter.js';
import { Compositor } from '../../src/render/compositor.js';
import type { MatteOptions } from '../../src/shared/matte-options.js';
import { compositorCanvas } from '../support/canvas.js';
import { meanColor, toImageData } from '../support/pixels.js';

const WIDTH = 640;
const HEIGHT = 480;
/** The person fills the frame left of this column. */
const EDGE_X = 320;
const ROOM = { x: 440, y: 100, width: 160, height: 280 } as const;
const OFF: MatteOptions = { edgeSoftness: 0, temporal: false, lightWrap: 0 };

/** A flat frame of one colour. */
function solid(colour: string, width = WIDTH, height = HEIGHT, timestamp = 0): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  return new VideoFrame(canvas, { timestamp });
}

/** The person (mask 1) left of `EDGE_X`, the room right of it. */
function halfMask(): SegmentationMask {
  const size = 256;
  const data = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * size + x] = ((x + 0.5) * WIDTH) / size < EDGE_X ? 255 : 0;
  return { data, width: size, height: size };
}

describe('Compositor: video background', () => {
  let compositor: Compositor;
  let camera: VideoFrame;

  beforeEach(async () => {
    compositor = await Compositor.create(compositorCanvas());
    compositor.setMask(halfMask());
    camera = solid('#808080');
  });

  afterEach(() => {
    camera.close();
    compositor.destroy();
  });

  const draw = () => {
    compositor.render(camera);
    return toImageData(compositor.canvas, WIDTH, HEIGHT);
  };

  it('blurs the room until the first frame, then shows each new frame; a replaced frame is closed', () => {
    compositor.setMatteOptions(OFF);
    compositor.setEffect({ kind: 'video', fit: 'fill', sigma720: 8 });
    const grey = meanColor(draw(), ROOM);
    expect(grey.map(Math.round), 'no frame yet: the (grey) room, blurred').to.satisfy((c: number[]) => c.every((v) => Math.abs(v - 128) < 6));

    const red = solid('#ff0000', 320, 180);
    compositor.setBackgroundFrame(red);
    const [r, g, b] = meanColor(draw(), ROOM);
    expect([r > 240, g + b < 15], 'the first frame').to.deep.equal([true, true]);

    const blue = solid('#0000ff', 320, 180, 1);
    compositor.setBackgroundFrame(blue);
    expect(red.codedWidth, 'the replaced frame is closed').to.equal(0);
    const [r2, g2, b2] = meanColor(draw(), ROOM);
    expect([b2 > 240, r2 + g2 < 15], 'the next frame').to.deep.equal([true, true]);
    const person = meanColor(draw(), { x: 40, y: 100, width: 200, height: 280 });
    expect(person.map(Math.round), 'the person stays the camera’s').to.satisfy((c: number[]) => c.every((v) => Math.abs(v - 128) < 4));

    compositor.setBackgroundFrame(null);
    expect(blue.codedWidth, 'dropped: closed').to.equal(0);
    const back = meanColor(draw(), ROOM);
    expect(back.map(Math.round), 'no frame: blurred room again, never a stale frame').to.satisfy((c: number[]) => c.every((v) => Math.abs(v - 128) < 6));
  });

  it('light wrap takes the light of the current frame, redrawn at most every 0.1 s of the clip', () => {
    compositor.setEffect({ kind: 'video', fit: 'fill', sigma720: 8 });
    const edge = EDGE_X - 4;
    const at = (image: ImageData, channel: number) => image.data[(240 * WIDTH + edge) * 4 + channel]!;
    const render = (lightWrap: number) => {
      compositor.setMatteOptions({ ...OFF, lightWrap });
      return draw();
    };
    compositor.setBackgroundFrame(solid('#ff0000', 320, 180));
    const [plainRed, wrappedRed] = [render(0), render(0.5)];
    // 50 ms of the clip later: the light is not redrawn yet; 100 ms later it is.
    compositor.setBackgroundFrame(solid('#0000ff', 320, 180, 50_000));
    const early = render(0.5);
    expect(at(early, 0) - at(plainRed, 0), 'within 0.1 s: still the red light').to.be.greaterThan(8);
    compositor.setBackgroundFrame(solid('#0000ff', 320, 180, 100_000));
    const [plainBlue, wrappedBlue] = [render(0), render(0.5)];
    console.log(`light wrap at the edge: red ${at(plainRed, 0)} -> ${at(wrappedRed, 0)}, blue ${at(plainBlue, 2)} -> ${at(wrappedBlue, 2)}`);
    expect(at(wrappedRed, 0) - at(plainRed, 0), 'a red frame: red light on the edge').to.be.greaterThan(8);
    expect(at(wrappedBlue, 2) - at(plainBlue, 2), 'then a blue frame: blue light').to.be.greaterThan(8);
    expect(at(wrappedBlue, 0) - at(plainBlue, 0), 'and no red left from the frame before').to.be.lessThan(2);
  });
});
