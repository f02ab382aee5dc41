/** The element with `id`, checked to be a `type`: a missing or mistyped control fails loudly at start. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; readonly name: string }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing or is not a ${type.name}.`);
  return element;
}
