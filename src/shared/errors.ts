/** Codes carried by the `error` event. Each has a documented fallback (README, "Errors and fallbacks"). */
export type ErrorCode =
  | 'camera-denied'
  | 'camera-not-found'
  | 'camera-busy'
  | 'camera-failed'
  | 'camera-ended'
  | 'model-load-failed'
  | 'model-incompatible'
  | 'webgl-unavailable'
  | 'background-load-failed'
  | 'invalid-attribute';

/** An error with one of the documented codes, thrown inside the pipeline and emitted as `error`. */
export class VirtualBgCameraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'VirtualBgCameraError';
  }
}

/** The `error` event's detail, from the element and from the headless processor. */
export interface ErrorEventDetail {
  readonly code: ErrorCode;
  readonly message: string;
}
