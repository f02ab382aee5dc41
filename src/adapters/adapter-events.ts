import type { VirtualBackgroundEventMap } from '../processor/index.js';

/**
 * The `ready`, `error` and `stats` events of the processor an adapter runs, with typed
 * listeners: `adapter.addEventListener('error', (e) => e.detail.code)` type-checks. The target
 * outlives each run, so a listener added before the SDK starts the processor hears it.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed listeners, see the interface below
export class AdapterEvents extends EventTarget {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AdapterEvents {
  addEventListener<K extends keyof VirtualBackgroundEventMap>(
    type: K,
    listener: (event: VirtualBackgroundEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof VirtualBackgroundEventMap>(
    type: K,
    listener: (event: VirtualBackgroundEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** The typed listener methods, for an adapter that cannot extend `AdapterEvents` (Agora's processor). */
export type VirtualBackgroundEventTarget = Pick<AdapterEvents, 'addEventListener' | 'removeEventListener'>;
