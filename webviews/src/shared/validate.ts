// Validators for what arrives in a page from its host: small combinators that check an unknown
// value field by field and give it its type, so no incoming data is cast. A failure names the
// path of the field (`samples[3].tempC: expected a number or null, got "hot"`).
import type { Checked } from '../../../protocol';

/** Checks `value` (found at `path`) and returns it typed, or throws a {@link ValidationError}. */
export type Guard<T> = (value: unknown, path: string) => T;

/** The type a guard gives. */
export type Guarded<G> = G extends Guard<infer T> ? T : never;

export class ValidationError extends Error {
  constructor(path: string, expected: string, value: unknown) {
    super(`${path === '' ? 'message' : path}: expected ${expected}, got ${describe(value)}`);
    this.name = 'ValidationError';
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${value.toString()}`;
  return typeof value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str: Guard<string> = (v, path) => {
  if (typeof v !== 'string') throw new ValidationError(path, 'a string', v);
  return v;
};

/** A finite number (NaN and Infinity do not cross JSON, so seeing them is a bug). */
export const num: Guard<number> = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(path, 'a number', v);
  return v;
};

export const bool: Guard<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ValidationError(path, 'true or false', v);
  return v;
};

/** One of the given strings. */
export function oneOf<const T extends readonly string[]>(...values: T): Guard<T[number]> {
  return (v, path) => {
    const found = values.find((x) => x === v);
    if (found === undefined) throw new ValidationError(path, `one of ${values.join(', ')}`, v);
    return found;
  };
}

/** The guarded value or null. */
export function nullable<T>(inner: Guard<T>): Guard<T | null> {
  return (v, path) => (v === null ? null : inner(v, path));
}

/** The guarded value, or undefined when the field is absent. */
export function optional<T>(inner: Guard<T>): Guard<T | undefined> {
  return (v, path) => (v === undefined ? undefined : inner(v, path));
}

export function array<T>(inner: Guard<T>): Guard<readonly T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) throw new ValidationError(path, 'an array', v);
    const items: unknown[] = v;
    return items.map((item, i) => inner(item, `${path}[${i}]`));
  };
}

type Shape = Readonly<Record<string, Guard<unknown>>>;
type FromShape<S extends Shape> = { readonly [K in keyof S]: Guarded<S[K]> };

/** An object with these fields (others are ignored and dropped). */
export function object<S extends Shape>(shape: S): Guard<FromShape<S>> {
  return (v, path) => {
    if (!isRecord(v)) throw new ValidationError(path, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [key, guard] of Object.entries(shape)) {
      const value = guard(v[key], path === '' ? key : `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    // Every field of the shape was checked by its guard just above.
    return out as FromShape<S>;
  };
}

type Variants = Readonly<Record<string, Shape>>;
type FromVariants<V extends Variants> = { [K in keyof V]: { readonly type: K } & FromShape<V[K]> }[keyof V];

/**
 * A discriminated union on `type`: one shape (the fields besides `type`) per variant. An unknown
 * `type` fails with the list of known ones.
 */
export function union<V extends Variants>(variants: V): Guard<FromVariants<V>> {
  const guards = new Map(Object.entries(variants).map(([type, shape]) => [type, object(shape)]));
  const known = oneOf(...guards.keys());
  return (v, path) => {
    if (!isRecord(v)) throw new ValidationError(path, 'an object', v);
    const type = known(v['type'], path === '' ? 'type' : `${path}.type`);
    const rest = guards.get(type)?.(v, path);
    // `type` is one of the variants' keys and the rest was checked by that variant's shape.
    return { ...rest, type } as FromVariants<V>;
  };
}

/** Runs a guard on a value from outside; never throws. */
export function check<T>(guard: Guard<T>, value: unknown): Checked<T> {
  try {
    return { ok: true, value: guard(value, '') };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
