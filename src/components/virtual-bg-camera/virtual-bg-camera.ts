import { VirtualBgCamera } from './virtual-bg-camera.component.js';

export { VirtualBgCamera };
export * from './events.js';

if (!customElements.get('virtual-bg-camera')) customElements.define('virtual-bg-camera', VirtualBgCamera);

declare global {
  interface HTMLElementTagNameMap {
    'virtual-bg-camera': VirtualBgCamera;
  }
}
