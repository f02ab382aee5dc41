import type { ComplexAttributeConverter } from 'lit';
import { checkSwitch, checkUnit, formatUnit, parseSwitch, parseUnit } from '../../processor/attributes.js';

// The attribute table and its parsers are Lit-free and shared with the headless processor.
export * from '../../processor/attributes.js';

/**
 * Typed properties reflected to string attributes (`edgeSoftness` ↔ `edge-softness`): the
 * attribute converter, and the check of a value set from script, which may be of the
 * property's type or, as before these properties were typed, the attribute's text.
 */
export interface Reflected<T> {
  readonly converter: ComplexAttributeConverter<T | null>;
  /** The property value for `value` set from script; `null` when invalid. */
  check(value: unknown): T | null;
}

/** A number 0..1 (`edge-softness`, `light-wrap`). */
export const UNIT: Reflected<number> = {
  converter: { fromAttribute: (text) => (text === null ? null : parseUnit(text)), toAttribute: formatUnit },
  check: checkUnit,
};

/** An on/off switch (`temporal-smoothing`), written as `on` or `off`. */
export const SWITCH: Reflected<boolean> = {
  converter: { fromAttribute: (text) => (text === null ? null : parseSwitch(text)), toAttribute: (on) => (on ? 'on' : 'off') },
  check: checkSwitch,
};
