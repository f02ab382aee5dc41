import { expect } from '@open-wc/testing';
import { DropCounter, InferenceRate } from '../../../src/pipeline/host/inference-rate.js';

const FRAMES_PER_PERIOD = 30;

/**
 * One stats period on a simulated machine that keeps up only when each inference covers at
 * least `needed` camera frames; with fewer, it misses a fifth of the camera's frames.
 */
function period(rate: InferenceRate, needed: number): boolean {
  const dropped = rate.interval < needed ? FRAMES_PER_PERIOD / 5 : 0;
  rate.update(FRAMES_PER_PERIOD - dropped, dropped);
  return dropped > 0;
}

function periods(rate: InferenceRate, needed: number, count: number): { intervals: number[]; dropping: number } {
  const intervals: number[] = [];
  let dropping = 0;
  for (let i = 0; i < count; i++) {
    if (period(rate, needed)) dropping++;
    intervals.push(rate.interval);
  }
  return { intervals, dropping };
}

describe('quality="auto": how often the segmenter runs', () => {
  it('segments every frame while the machine keeps up', () => {
    const rate = new InferenceRate();
    expect(periods(rate, 1, 20).intervals.every((interval) => interval === 1)).to.equal(true);
  });

  it('ignores an occasional dropped frame', () => {
    const rate = new InferenceRate();
    for (let i = 0; i < 10; i++) rate.update(FRAMES_PER_PERIOD - 1, 1);
    expect(rate.interval).to.equal(1);
  });

  it('spaces inferences out while frames are dropped, no further than the machine needs, and mostly without drops', () => {
    const rate = new InferenceRate();
    const { intervals } = periods(rate, 3, 10);
    expect(intervals.indexOf(3), 'reaches the interval the machine keeps up at').to.be.within(0, 5);
    const steady = periods(rate, 3, 40);
    expect(Math.max(...intervals, ...steady.intervals), 'never spaced out further than needed').to.equal(3);
    // It tries a shorter interval now and then (the machine may have freed up); most periods keep up.
    expect(steady.dropping / 40, 'share of periods that drop frames once settled').to.be.lessThan(0.5);
  });

  it('does not flap: one clean period is not enough to segment more often again', () => {
    const rate = new InferenceRate();
    periods(rate, 3, 10);
    const before = rate.interval;
    period(rate, 1);
    expect(rate.interval).to.equal(before);
  });

  it('returns to every frame once the machine keeps up again', () => {
    const rate = new InferenceRate();
    periods(rate, 3, 10);
    expect(rate.interval).to.be.greaterThan(1);
    periods(rate, 1, 20);
    expect(rate.interval).to.equal(1);
  });

  it('never stops segmenting: on a machine that never keeps up the interval stops growing', () => {
    const rate = new InferenceRate();
    const { intervals } = periods(rate, Infinity, 50);
    const last = intervals.slice(-20);
    expect(new Set(last).size, 'settled').to.equal(1);
    expect(last[0], 'still segments now and then').to.be.within(2, 10);
  });

  it('high, balanced and low segment every 1st, 2nd and 3rd frame, whatever is dropped', () => {
    for (const [quality, interval] of [['high', 1], ['balanced', 2], ['low', 3]] as const) {
      const rate = new InferenceRate();
      rate.setQuality(quality);
      expect(periods(rate, Infinity, 10).intervals.every((i) => i === interval), quality).to.equal(true);
    }
  });

  it('a new quality starts afresh: back to auto segments every frame again', () => {
    const rate = new InferenceRate();
    periods(rate, 3, 10);
    rate.setQuality('low');
    rate.setQuality('auto');
    expect(rate.interval).to.equal(1);
  });
});

describe('dropped camera frames, counted from timestamps', () => {
  const FRAME_US = 33_333;

  it('counts the frames missing from a steady stream', () => {
    const counter = new DropCounter();
    const timestamps = [0, 1, 2, 3, 6, 7, 8, 12].map((n) => n * FRAME_US);
    for (const timestamp of timestamps) counter.observe(timestamp);
    expect(counter.dropped).to.equal(2 + 3);
  });

  it('does not count jitter as drops', () => {
    const counter = new DropCounter();
    let timestamp = 0;
    for (let i = 0; i < 300; i++) {
      timestamp += FRAME_US * (0.9 + 0.2 * ((i * 7919) % 100) / 100);
      counter.observe(Math.round(timestamp));
    }
    expect(counter.dropped).to.equal(0);
  });

  it('starts afresh for a new input, whose clock may restart', () => {
    const counter = new DropCounter();
    for (const n of [0, 1, 5]) counter.observe(n * FRAME_US);
    expect(counter.dropped).to.equal(3);
    counter.reset();
    for (const n of [0, 1, 2]) counter.observe(1000 + n * FRAME_US);
    expect(counter.dropped).to.equal(0);
  });
});
