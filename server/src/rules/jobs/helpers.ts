import type { DocContext, Finding, FixEdit, ValuePath } from '../../engine/types';

/** A mapping of user data, or undefined for anything else (null, a list, a scalar). */
export type Obj = Readonly<Record<string, unknown>>;

export function asRecord(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? (v as readonly unknown[]) : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value at a path of mapping keys, or undefined where the path leaves the mappings. */
export function get(v: unknown, ...keys: readonly string[]): unknown {
  let cur = v;
  for (const k of keys) {
    const rec = asRecord(cur);
    if (rec === undefined || !Object.hasOwn(rec, k)) return undefined;
    cur = rec[k];
  }
  return cur;
}

/** The entries of a mapping, in source order; none for anything else. */
export function entries(v: unknown): readonly (readonly [string, unknown])[] {
  const rec = asRecord(v);
  return rec === undefined ? [] : Object.entries(rec);
}

/** An integer written as a YAML integer or as a string of digits (`4`, `"4"`), else undefined. */
export function asInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string' && /^[+-]?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** A replica count: the integer written, 1 where the field is absent, undefined if not an integer. */
export function replicasOf(spec: unknown): number | undefined {
  const r = get(spec, 'replicas');
  return r === undefined || r === null ? 1 : asInt(r);
}

/** Shorthand for a finding. */
export function finding(code: Finding['code'], path: ValuePath, message: string, target?: Finding['target']): Finding {
  return target === undefined ? { code, path, message } : { code, path, message, target };
}

/** The finding with a quick fix of one edit. */
export function withFix(f: Finding, title: string, edit: FixEdit): Finding {
  return { ...f, fix: { title, edits: [edit] } };
}

/** A scalar as YAML text: numbers bare, anything else as a double-quoted string. */
export function yamlScalar(v: unknown): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The `apiVersion/kind` of a document, as the rule tables key it. */
export function keyOf(ctx: DocContext): string {
  return `${ctx.apiVersion ?? ''}/${ctx.kind ?? ''}`;
}
