import type { VirtualBgCamera } from '../src/components/virtual-bg-camera/virtual-bg-camera.js';

/** The element with `id`, checked to be a `type`: a missing or mistyped control fails loudly at start. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; readonly name: string }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}.`);
  return element;
}

/** The page's `<virtual-bg-camera>`; the demo cannot work without it. */
export function cameraElement(): VirtualBgCamera {
  const found = document.querySelector('virtual-bg-camera');
  if (!found) throw new Error('<virtual-bg-camera> is missing from the page.');
  return found;
}
