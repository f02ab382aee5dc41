import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EffectResolver, type ApplyEffect, type EffectAttributes } from '../../processor/effect-resolver.js';
import type { Effect } from '../../shared/effect.js';
import type { VirtualBgCameraError } from '../../shared/errors.js';

export type { EffectAttributes } from '../../processor/effect-resolver.js';

/**
 * The element's effect attributes, through the `EffectResolver` the headless processor also
 * uses (precedence source → video → image → colour → blur → none, `invalid-attribute`, the
 * fail-closed image and video loads). This adapter only ties it to the element's life.
 */
export class EffectController implements ReactiveController {
  private readonly resolver: EffectResolver;

  constructor(host: ReactiveControllerHost, apply: ApplyEffect, onError: (error: VirtualBgCameraError) => void) {
    this.resolver = new EffectResolver(apply, onError);
    host.addController(this);
  }

  /** Reads the attributes that changed since the last call and applies the resulting effect. */
  update(attributes: EffectAttributes): void {
    this.resolver.update(attributes);
  }

  /** The effect the attributes ask for now. */
  current(): Effect {
    return this.resolver.current();
  }

  hostConnected(): void {
    this.resolver.resume();
  }

  hostDisconnected(): void {
    // A load cut short here would leave the image missing on reconnect, and a video background
    // would go on playing unseen: stop them, and start them again on reconnect.
    this.resolver.cancelLoad();
  }
}
