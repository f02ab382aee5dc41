/** How the person matte is made from the model's mask. */
export interface MatteOptions {
  /**
   * Edge refinement, 0..1. 0 turns it off (the mask is stretched over the frame as is).
   * Above 0, a guided filter snaps the matte's edges to the frame's edges; the value sets
   * its regularisation: low follows image edges closely, high stays closer to the mask.
   */
  readonly edgeSoftness: number;
  /** Motion-adaptive temporal smoothing of the mask, stepped once per new mask. */
  readonly temporal: boolean;
  /** Light wrap strength, 0..1, in image mode: the background's light spills onto the person's edge. */
  readonly lightWrap: number;
}

/**
 * Light wrap is on (0.3) by default. It only acts over a background image, and costs next
 * to nothing since it samples a 32-texel copy of the image (`npm run bench`, see docs/performance.md).
 */
export const DEFAULT_MATTE_OPTIONS: MatteOptions = { edgeSoftness: 0.1, temporal: true, lightWrap: 0.3 };
