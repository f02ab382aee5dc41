/** Straight-alpha RGBA, each 0..1. */
export type Rgba = readonly [number, number, number, number];

export type BackgroundFit = 'cover' | 'contain' | 'fill';

/** What replaces the background. Built from the element's attributes by precedence. */
export type Effect =
  | { readonly kind: 'none' }
  /** `sigma720`: Gaussian standard deviation in px at 720p, scaled to the frame height. */
  | { readonly kind: 'blur'; readonly sigma720: number }
  /** A colour; one with alpha < 1 tints a blurred room, never the raw one. */
  | { readonly kind: 'color'; readonly rgba: Rgba }
  | { readonly kind: 'image'; readonly image: ImageBitmap; readonly fit: BackgroundFit }
  /**
   * A video background: its frames come through the pipeline's background input, not here.
   * Until the first one, and whenever there is none, the room is blurred by `sigma720`.
   */
  | { readonly kind: 'video'; readonly fit: BackgroundFit; readonly sigma720: number };
