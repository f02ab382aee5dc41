import { Filter, type TextureSource } from 'pixi.js';
import { frameProgram } from '../defaults/index.js';
import fragment from './background-weight.frag?raw';

export interface BackgroundWeightFilterOptions {
  /** Person probability in the red channel, stretched over the frame. */
  mask: TextureSource;
}

/** Premultiplies the frame by its background weight (1 − person), ready for a normalised blur. */
export class BackgroundWeightFilter extends Filter {
  constructor({ mask }: BackgroundWeightFilterOptions) {
    super({
      glProgram: frameProgram('background-weight-filter', fragment),
      resources: { uMask: mask },
    });
  }

  set mask(source: TextureSource) {
    this.resources['uMask'] = source;
  }
}
