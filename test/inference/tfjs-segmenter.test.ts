import * as tf from '@tensorflow/tfjs-core';
import { expect } from '@open-wc/testing';
import { SELFIE } from '../../src/inference/model-descriptors.js';
import { TfjsSegmenter } from '../../src/inference/tfjs-segmenter.js';
import { iou, maskToImage } from '../support/masks.js';
import { loadBitmap, PHOTOS } from '../support/media.js';
import { toImageData } from '../support/pixels.js';

describe('TfjsSegmenter (selfie model, TFJS WASM)', () => {
  let segmenter: TfjsSegmenter;

  before(async () => {
    segmenter = await TfjsSegmenter.create(SELFIE);
  });

  after(() => segmenter.dispose());

  it('reports the backend it actually runs on', () => {
    expect(segmenter.backendInfo.backend).to.equal('wasm');
    expect(segmenter.backendInfo.simd, 'every target engine (Chromium, Firefox, Safari 16.4+) supports WASM SIMD').to.equal(true);
    expect(segmenter.backendInfo.threads).to.be.at.least(1);
    expect([segmenter.inputWidth, segmenter.inputHeight]).to.deep.equal([256, 256]);
  });

  it('matches the reference person masks: mean IoU >= 0.80 over the photo set', async () => {
    const scores: Record<string, number> = {};
    for (const name of PHOTOS) {
      const photo = await loadBitmap(`photos/${name}.png`);
      const reference = await loadBitmap(`photos/${name}.mask.png`);
      const mask = await segmenter.segment(await createImageBitmap(photo));
      scores[name] = iou(maskToImage(mask, photo.width, photo.height), toImageData(reference, photo.width, photo.height));
      photo.close();
      reference.close();
    }
    const values = Object.values(scores);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    console.log(`IoU per photo: ${Object.entries(scores).map(([n, s]) => `${n} ${s.toFixed(3)}`).join(', ')}`);
    console.log(`mean IoU ${mean.toFixed(4)} over ${values.length} photos`);
    expect(mean).to.be.at.least(0.8);
  });

  it('leaves no tensor behind per frame', async () => {
    const photo = await loadBitmap('photos/mpl_grace_hopper.png');
    await segmenter.segment(await createImageBitmap(photo));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await segmenter.segment(await createImageBitmap(photo));
    expect(tf.memory().numTensors).to.equal(before);
    photo.close();
  });

  it('takes a frame of any size, stretches it to the model input, and closes it', async () => {
    const frame = await createImageBitmap(new ImageData(64, 8));
    const mask = await segmenter.segment(frame);
    expect([mask.width, mask.height]).to.deep.equal([256, 256]);
    expect(frame.width, 'a closed ImageBitmap reports width 0').to.equal(0);
  });
});

describe('TfjsSegmenter with a [1, H, W, 2] logits output (the Meet model layout)', () => {
  it('reads the 2-channel signature and softmaxes it to the same mask as the 1-channel original', async () => {
    const selfie = await TfjsSegmenter.create(SELFIE);
    const logits = await TfjsSegmenter.create({ name: 'logits', modelUrl: new URL('/__faults__/logits/model.json', location.href).href, inputRange: [0, 1] });
    try {
      expect([logits.inputWidth, logits.inputHeight]).to.deep.equal([256, 256]);
      const photo = await loadBitmap('photos/mpl_grace_hopper.png');
      const a = await selfie.segment(await createImageBitmap(photo));
      const b = await logits.segment(await createImageBitmap(photo));
      let difference = 0;
      let person = 0;
      for (let i = 0; i < a.data.length; i++) {
        difference = Math.max(difference, Math.abs(a.data[i]! - b.data[i]!));
        if (b.data[i]! > 127) person++;
      }
      expect(person / b.data.length, 'a real mask, not empty or full').to.be.within(0.1, 0.9);
      expect(difference, 'largest per-pixel difference, of 255').to.be.at.most(1);
    } finally {
      selfie.dispose();
      logits.dispose();
    }
  });
});
