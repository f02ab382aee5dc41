import { expect } from '@open-wc/testing';
import type { SegmentationMask } from '../../src/inference/segmenter.js';
import { Compositor } from '../../src/render/compositor.js';
import { DEFAULT_MATTE_OPTIONS, type MatteOptions } from '../../src/shared/matte-options.js';
import { compositorCanvas } from '../support/canvas.js';
import { toImageData } from '../support/pixels.js';

const WIDTH = 640;
const HEIGHT = 480;
/** The synthetic person's true edge: everything left of this column is the person. */
const EDGE_X = 333;
const OFF: MatteOptions = { edgeSoftness: 0, temporal: false, lightWrap: 0 };

/** A frame with a sharp vertical edge: a light person (left) on a dark, slightly textured room. */
function edgeFrame(): VideoFrame {
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#303840';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.fillStyle = '#d8b090';
  context.fillRect(0, 0, EDGE_X, HEIGHT);
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** A 256x256 mask from `value(x, y)` in frame pixels (0..1), sampled at texel centres. */
function mask(value: (x: number, y: number, i: number) => number): SegmentationMask {
  const size = 256;
  const data = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      data[i] = Math.round(Math.min(Math.max(value(((x + 0.5) * WIDTH) / size, ((y + 0.5) * HEIGHT) / size, i), 0), 1) * 255);
    }
  }
  return { data, width: size, height: size };
}

/**
 * A coarse mask of the edge frame, like a low-resolution model's: a 20 px wide ramp whose
 * middle wanders +-3 px off the true edge, in stair steps 40 px tall.
 */
const coarseMask = () =>
  mask((x, y) => {
    const stair = Math.floor(y / 40) % 2 ? 3 : -3;
    return 0.5 - (x - (EDGE_X + stair)) / 20;
  });

/** Seeded noise in -1..1, so runs are repeatable. */
function noise(seed: number): (i: number) => number {
  return (i) => {
    const v = Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453;
    return (v - Math.floor(v)) * 2 - 1;
  };
}

function readMatte(compositor: Compositor, frame: VideoFrame): Float32Array {
  compositor.render(frame);
  const pixels = toImageData(compositor.canvas, WIDTH, HEIGHT).data;
  const out = new Float32Array(WIDTH * HEIGHT);
  for (let i = 0; i < out.length; i++) out[i] = pixels[i * 4]! / 255;
  return out;
}

function meanAbsDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

describe('Compositor matte: edge refinement, temporal smoothing, light wrap', () => {
  let compositor: Compositor;
  let frame: VideoFrame;

  beforeEach(async () => {
    compositor = await Compositor.create(compositorCanvas());
    compositor.setEffect({ kind: 'color', rgba: [0, 1, 0, 1] });
    compositor.debugMatte = true;
    frame = edgeFrame();
  });

  afterEach(() => {
    frame.close();
    compositor.destroy();
  });

  it('edge refinement moves a coarse matte onto the frame edge', () => {
    compositor.setMask(coarseMask());
    compositor.setMatteOptions(OFF);
    const raw = readMatte(compositor, frame);
    compositor.setMatteOptions({ ...OFF, edgeSoftness: DEFAULT_MATTE_OPTIONS.edgeSoftness });
    const refined = readMatte(compositor, frame);
    // Error against the true, sharp edge in a band of +-30 px around it.
    const error = (matte: Float32Array) => {
      let sum = 0;
      let count = 0;
      for (let y = 0; y < HEIGHT; y++) {
        for (let x = EDGE_X - 30; x < EDGE_X + 30; x++) {
          sum += Math.abs(matte[y * WIDTH + x]! - (x < EDGE_X ? 1 : 0));
          count++;
        }
      }
      return sum / count;
    };
    console.log(`edge error: raw ${error(raw).toFixed(3)}, refined ${error(refined).toFixed(3)}`);
    expect(error(refined)).to.be.lessThan(error(raw) * 0.7);
    // Far from the edge the matte is unchanged: person stays person, room stays room.
    expect(refined[240 * WIDTH + 100]).to.be.greaterThan(0.95);
    expect(refined[240 * WIDTH + 560]).to.be.lessThan(0.05);
  });

  it('temporal smoothing reduces frame-to-frame matte change on a static source', () => {
    const noisy = (seed: number) => {
      const n = noise(seed);
      return mask((x, _y, i) => 0.5 - (x - EDGE_X) / 60 + 0.25 * n(i));
    };
    const change = (options: MatteOptions) => {
      compositor.clearMask();
      compositor.setMatteOptions(options);
      let previous: Float32Array | null = null;
      let total = 0;
      for (let step = 0; step < 8; step++) {
        compositor.setMask(noisy(step));
        const matte = readMatte(compositor, frame);
        if (previous && step >= 3) total += meanAbsDifference(matte, previous);
        previous = matte;
      }
      return total / 5;
    };
    const without = change(OFF);
    const withSmoothing = change({ ...OFF, temporal: true });
    console.log(`mean frame-to-frame matte change: ${without.toFixed(4)} without, ${withSmoothing.toFixed(4)} with smoothing`);
    expect(withSmoothing).to.be.lessThan(without * 0.6);
  });

  for (const [label, options] of [
    ['temporal smoothing', { ...OFF, temporal: true }],
    ['temporal smoothing with refinement', { ...OFF, temporal: true, edgeSoftness: DEFAULT_MATTE_OPTIONS.edgeSoftness }],
  ] as const) {
    it(`${label} steps once per mask, not per rendered frame, and restarts after clearMask`, () => {
      compositor.setMatteOptions(options);
      const empty = mask(() => 0);
      const full = mask(() => 1);
      compositor.setMask(empty);
      readMatte(compositor, frame);
      compositor.setMask(full);
      const first = readMatte(compositor, frame);
      const again = readMatte(compositor, frame);
      expect(meanAbsDifference(first, again), 'same mask, same matte').to.equal(0);
      // A change from none to all is a large change: the smoothing follows it at once.
      expect(first[240 * WIDTH + 320]).to.be.greaterThan(0.9);

      compositor.clearMask();
      const cleared = readMatte(compositor, frame);
      expect(cleared.reduce((a, b) => Math.max(a, b), 0), 'cleared: everything is background').to.equal(0);
      const half = mask(() => 0.5);
      compositor.setMask(half);
      const restarted = readMatte(compositor, frame);
      expect(restarted[240 * WIDTH + 320], 'no history from before the clear').to.be.closeTo(0.5, 0.02);
    });
  }

  it('light wrap tints only the person’s edge, and only over an image', async () => {
    const image = await createImageBitmap(
      (() => {
        const canvas = new OffscreenCanvas(64, 64);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#0000ff';
        context.fillRect(0, 0, 64, 64);
        return canvas;
      })(),
    );
    compositor.debugMatte = false;
    compositor.setMask(mask((x) => (x < EDGE_X ? 1 : 0)));
    const render = (lightWrap: number) => {
      compositor.setMatteOptions({ ...OFF, lightWrap });
      compositor.render(frame);
      return toImageData(compositor.canvas, WIDTH, HEIGHT);
    };
    const blueAt = (image: ImageData, x: number) => image.data[(240 * WIDTH + x) * 4 + 2]!;

    compositor.setEffect({ kind: 'image', image, fit: 'fill' });
    const plain = render(0);
    const wrapped = render(0.5);
    const edge = EDGE_X - 4;
    console.log(`light wrap: blue at the edge ${blueAt(plain, edge)} -> ${blueAt(wrapped, edge)}`);
    expect(blueAt(wrapped, edge) - blueAt(plain, edge), 'edge picks up the image light').to.be.greaterThan(8);
    expect(Math.abs(blueAt(wrapped, 100) - blueAt(plain, 100)), 'deep inside: untouched').to.be.lessThan(2);

    compositor.setEffect({ kind: 'color', rgba: [0, 0, 1, 1] });
    expect(blueAt(render(0.5), edge), 'colour mode: no wrap').to.equal(blueAt(render(0), edge));

    // background-fit="contain" with a wide image: rows 0-189 are bars of blurred room, not
    // image, so no image light (and no darkening) reaches the person there.
    const wideCanvas = new OffscreenCanvas(640, 100);
    wideCanvas.getContext('2d')!.fillRect(0, 0, 640, 100); // black
    const wide = await createImageBitmap(wideCanvas);
    compositor.setEffect({ kind: 'image', image: wide, fit: 'contain' });
    const redAt = (image: ImageData, x: number, y: number) => image.data[(y * WIDTH + x) * 4]!;
    const [barPlain, barWrapped] = [render(0), render(0.5)];
    expect(Math.abs(redAt(barWrapped, edge, 40) - redAt(barPlain, edge, 40)), 'in the bars: untouched').to.be.lessThan(2);
    expect(redAt(barPlain, edge, 240) - redAt(barWrapped, edge, 240), 'over the (black) image: darkened').to.be.greaterThan(8);
    wide.close();
    image.close();
  });

  it('blur keeps the room’s colour and smooths its edges, at every strength', () => {
    compositor.debugMatte = false;
    compositor.setMask(mask(() => 0)); // all background: the whole frame is blurred room
    const redAt = (image: ImageData, x: number) => image.data[(240 * WIDTH + x) * 4]!;
    for (const sigma720 of [4, 8, 16, 48]) {
      compositor.setEffect({ kind: 'blur', sigma720 });
      compositor.render(frame);
      const image = toImageData(compositor.canvas, WIDTH, HEIGHT);
      // Far from the frame's edge the blur changes nothing; at the edge it mixes both sides.
      expect(redAt(image, 20), `sigma ${sigma720}: light side`).to.be.closeTo(0xd8, 4);
      expect(redAt(image, 620), `sigma ${sigma720}: dark side`).to.be.closeTo(0x30, 4);
      const atEdge = redAt(image, EDGE_X);
      expect(atEdge, `sigma ${sigma720}: edge blurred`).to.be.within(0x30 + 20, 0xd8 - 20);
    }
  });
});
