import type { Quality } from '../../shared/quality.js';

const FIXED_INTERVAL: Record<Exclude<Quality, 'auto'>, number> = { high: 1, balanced: 2, low: 3 };
const MAX_AUTO_INTERVAL = 4;
/** Share of camera frames dropped in a period that counts as missing the budget. */
const DROP_LIMIT = 0.05;
/** Clean periods in a row before `auto` tries a shorter interval again. */
const CLEAN_PERIODS_TO_RECOVER = 3;

/**
 * Decides, once per stats period, how many camera frames each inference covers (`quality`).
 * `auto`: every frame while the machine keeps up; when camera frames start being dropped,
 * inference runs less often (down to every 4th frame) before any output frame is lost, and it
 * climbs back once frames flow freely again.
 */
export class InferenceRate {
  private quality: Quality = 'auto';
  private autoInterval = 1;
  private cleanPeriods = 0;

  /** Frames per inference: 1 = every frame. */
  get interval(): number {
    return this.quality === 'auto' ? this.autoInterval : FIXED_INTERVAL[this.quality];
  }

  setQuality(quality: Quality): void {
    this.quality = quality;
    this.autoInterval = 1;
    this.cleanPeriods = 0;
  }

  /** Feeds one period's counts: frames the camera produced that were processed, and ones dropped. */
  update(processed: number, dropped: number): void {
    if (this.quality !== 'auto' || processed + dropped === 0) return;
    if (dropped / (processed + dropped) > DROP_LIMIT) {
      this.autoInterval = Math.min(this.autoInterval + 1, MAX_AUTO_INTERVAL);
      this.cleanPeriods = 0;
    } else if (dropped === 0 && ++this.cleanPeriods >= CLEAN_PERIODS_TO_RECOVER && this.autoInterval > 1) {
      this.autoInterval--;
      this.cleanPeriods = 0;
    }
  }
}

/** Counts camera frames that never reached the pipeline, from gaps in their timestamps. */
export class DropCounter {
  private last = -1;
  /** Shortest gap seen lately: the camera's frame interval, µs. */
  private interval = Infinity;
  dropped = 0;

  observe(timestampUs: number): void {
    if (this.last >= 0 && timestampUs > this.last) {
      const gap = timestampUs - this.last;
      this.interval = Math.min(this.interval * 1.01, gap);
      this.dropped += Math.max(0, Math.round(gap / this.interval) - 1);
    }
    this.last = timestampUs;
  }

  reset(): void {
    this.last = -1;
    this.interval = Infinity;
    this.dropped = 0;
  }
}
