// `virtual-bg-camera/processor`: the virtual background without the element, Lit or a preview.
export { createVirtualBackground, VirtualBackground } from './virtual-background.js';
export type { VirtualBackgroundEventMap, VirtualBackgroundOptions } from './virtual-background.js';
export { VirtualBgCameraError, type ErrorCode, type ErrorEventDetail } from '../shared/errors.js';
export type { StatsEventDetail } from '../shared/stats.js';
export type { BackgroundFit } from '../shared/effect.js';
export type { Quality } from '../shared/quality.js';
