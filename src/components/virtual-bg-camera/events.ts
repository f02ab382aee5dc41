import type { ErrorEventDetail } from '../../shared/errors.js';
import type { StatsEventDetail } from '../../shared/stats.js';

// The element's public types; those the pipeline shares live in src/shared.
export { VirtualBgCameraError, type ErrorCode, type ErrorEventDetail } from '../../shared/errors.js';
export type { StatsEventDetail } from '../../shared/stats.js';

export interface TrackEventDetail {
  /** The processed, never-mirrored output track, ready for `RTCPeerConnection.addTrack`. */
  readonly track: MediaStreamTrack;
  readonly stream: MediaStream;
}

export interface VirtualBgCameraEventMap {
  ready: CustomEvent<void>;
  track: CustomEvent<TrackEventDetail>;
  error: CustomEvent<ErrorEventDetail>;
  stats: CustomEvent<StatsEventDetail>;
}

/**
 * Typed listeners: `el.addEventListener('track', (e) => e.detail.track)` type-checks. `Self` is
 * the element (`this` in a listener), whose interface takes these as its own.
 */
export interface AddVirtualBgCameraListener<Self> {
  <K extends keyof VirtualBgCameraEventMap>(
    type: K,
    listener: (this: Self, event: VirtualBgCameraEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  <K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: Self, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  (type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** `removeEventListener`, typed like `AddVirtualBgCameraListener`. */
export interface RemoveVirtualBgCameraListener<Self> {
  <K extends keyof VirtualBgCameraEventMap>(
    type: K,
    listener: (this: Self, event: VirtualBgCameraEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  <K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: Self, event: HTMLElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  (type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * Dispatches one of the element's events, bubbling and crossing shadow roots. `error` does
 * not bubble, like native `error` events: a bubbling one would reach `window`, where
 * page-wide error monitors would take it for an uncaught script error.
 */
export function emit<K extends keyof VirtualBgCameraEventMap>(
  target: EventTarget,
  type: K,
  detail: VirtualBgCameraEventMap[K]['detail'],
): void {
  const bubbles = type !== 'error';
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles, composed: bubbles }));
}
