/** How long one `stats` period lasts. */
export const STATS_PERIOD_MS = 1000;

/** One period's figures, as `stats` reports them, plus the counts `quality="auto"` is fed. */
export interface StatsPeriod {
  /** Output frames per second. */
  readonly fps: number;
  /** Masks per second. */
  readonly inferenceFps: number;
  /** Median inference time, ms. */
  readonly inferenceMs: number;
  /** Median compositing and publishing time per frame, ms. */
  readonly renderMs: number;
  /** Frames drawn in the period. */
  readonly frames: number;
  /** Camera frames dropped in the period. */
  readonly dropped: number;
}

/** Collects per-frame timings and closes a period once `STATS_PERIOD_MS` have passed. */
export class FrameStats {
  private since = 0;
  private frames = 0;
  private masks = 0;
  /** The drop counter's total at the start of the period. */
  private droppedBefore = 0;
  private readonly inferenceMs: number[] = [];
  private readonly renderMs: number[] = [];

  /** A new mask arrived, computed in `inferenceMs`. */
  mask(inferenceMs: number): void {
    this.masks++;
    this.inferenceMs.push(inferenceMs);
  }

  /** A frame was drawn in `renderMs`. */
  frame(renderMs: number): void {
    this.frames++;
    this.renderMs.push(renderMs);
  }

  /**
   * The period's figures once it is over (and a new period starts), else `null`.
   * `droppedTotal`: the drop counter's running total.
   */
  take(now: number, droppedTotal: number): StatsPeriod | null {
    if (!this.since) this.since = now;
    const elapsed = now - this.since;
    if (elapsed < STATS_PERIOD_MS) return null;
    const period: StatsPeriod = {
      fps: (this.frames * 1000) / elapsed,
      inferenceFps: (this.masks * 1000) / elapsed,
      inferenceMs: median(this.inferenceMs),
      renderMs: median(this.renderMs),
      frames: this.frames,
      dropped: droppedTotal - this.droppedBefore,
    };
    this.since = now;
    this.frames = 0;
    this.masks = 0;
    this.droppedBefore = droppedTotal;
    this.inferenceMs.length = 0;
    this.renderMs.length = 0;
    return period;
  }
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
