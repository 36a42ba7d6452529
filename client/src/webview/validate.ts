// Checking what a page sends its host: a table with one reader per message type, each building
// its typed message from the fields it checks, so nothing that arrives is cast. (The page's side,
// which checks larger messages, has its own combinators in webviews/src/shared/validate.ts: the
// two cannot import each other.)
import type { Checked } from '../../../protocol';

/** A message's fields, not yet checked. */
export type Fields = Readonly<Record<string, unknown>>;

/** Builds the message of one type from its fields, or says what is wrong with them. */
export type Reader<T> = (fields: Fields) => T | string;

/** One reader per variant of the union `T`, keyed by `type`. */
export type Readers<T extends { readonly type: string }> = { readonly [K in T['type']]: Reader<Extract<T, { readonly type: K }>> };

function isFields(raw: unknown): raw is Fields {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** A validator for the union `T`: finds the reader of the message's `type` and runs it. */
export function messageValidator<T extends { readonly type: string }>(readers: Readers<T>): (raw: unknown) => Checked<T> {
  const table: Readonly<Record<string, Reader<T> | undefined>> = readers;
  return (raw) => {
    if (!isFields(raw)) return { ok: false, error: 'a message must be an object with a type' };
    const type = raw['type'];
    const reader = typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
    if (reader === undefined) return { ok: false, error: `unknown message type ${JSON.stringify(type)} (known: ${Object.keys(table).join(', ')})` };
    const value = reader(raw);
    return typeof value === 'string' ? { ok: false, error: `${String(type)}: ${value}` } : { ok: true, value };
  };
}

/** `fields[key]` when it is a string. */
export function stringField(fields: Fields, key: string): string | undefined {
  const v = fields[key];
  return typeof v === 'string' ? v : undefined;
}

/** `fields[key]` when it is a finite number, null when it is null; undefined otherwise. */
export function numberOrNull(fields: Fields, key: string): number | null | undefined {
  const v = fields[key];
  if (v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `fields[key]` when it is one of `values` (or null, when null is one of them). */
export function oneOfField<const V extends readonly (string | null)[]>(fields: Fields, key: string, values: V): V[number] | undefined {
  const v = fields[key];
  return values.find((x) => x === v);
}

/** For the exhaustive `switch` over a message union: a variant that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}
