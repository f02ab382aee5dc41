import type { Effect } from './effect.js';
import type { MatteOptions } from './matte-options.js';
import type { ModelDescriptor } from './model.js';
import type { Quality } from './quality.js';

/**
 * Everything the pipeline can be told while it runs, as one object. It travels page → host
 * in one `configure` message, usually partial: a field that is absent keeps its value.
 */
export interface PipelineSettings {
  /** What replaces the background. */
  readonly effect: Effect;
  /** How often the segmenter runs (`quality` attribute). */
  readonly quality: Quality;
  /** Edge refinement, temporal smoothing and light wrap. */
  readonly matte: MatteOptions;
  /** The segmentation model; the host loads it unless it is the current one. */
  readonly model: ModelDescriptor;
}
