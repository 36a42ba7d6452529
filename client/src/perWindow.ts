// A feature's state for one window, made on first use and kept as long as the window's context.
import type { Ctx } from './ctx';

export interface PerWindow<T> {
  /** The window's state, made now if it was not yet. */
  (ctx: Ctx): T;
  /** The window's state if it was made; never makes it (for shutdown). */
  readonly existing: (ctx: Ctx) => T | undefined;
}

export function perWindow<T extends object>(make: (ctx: Ctx) => T): PerWindow<T> {
  const made = new WeakMap<Ctx, T>();
  const of = (ctx: Ctx): T => {
    let value = made.get(ctx);
    if (value === undefined) {
      value = make(ctx);
      made.set(ctx, value);
    }
    return value;
  };
  return Object.assign(of, { existing: (ctx: Ctx) => made.get(ctx) });
}
