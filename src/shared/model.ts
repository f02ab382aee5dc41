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
