import { deref, schemaAt, type SchemaNode } from './schemaNav';
import type { ErrorObject } from './schemaStore';
import { closest } from './suggest';
import type { Finding, ValuePath } from './types';

/** JSON pointer to a path, with array indexes as numbers (read off the data itself). */
export function pointerToPath(pointer: string, data: unknown): ValuePath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: ValuePath): unknown {
  let cur = data;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' && Number.isInteger(value) ? 'the integer' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}

/** ajv's `type` error names the expected types: a string, comma-joined when several. */
function typeWords(params: unknown): string[] {
  const t = (params as { type?: unknown }).type;
  return typeof t === 'string' ? t.split(',') : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false',
  object: 'a mapping', array: 'a list', null: 'null',
};

function typesOf(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const t = (schema as { type?: unknown }).type;
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function expected(types: readonly string[]): string {
  const words = [...new Set(types.filter((t) => t !== 'null'))].map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'another type') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

function unknownField(e: ErrorObject, path: ValuePath, here: SchemaNode | undefined, kubernetes: boolean): Finding {
  const field = (e.params as { additionalProperty: string }).additionalProperty;
  const known = Object.keys(here?.properties ?? {});
  const guess = closest(field, known);
  const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
  const finding: Finding = { code: 'MLW1002', path: [...path, field], message: `Unknown field '${field}': ${kubernetes ? 'the API server rejects it under strict field validation' : 'the tool that reads this file rejects or ignores it'}.${hint}` };
  if (guess === undefined || known.includes(field)) return finding;
  return { ...finding, fix: { title: `Change '${field}' to '${guess}'`, edits: [{ path: [...path, field], at: 'key', text: guess }] } };
}

function oneFinding(e: ErrorObject, data: unknown, root: SchemaNode, kubernetes: boolean): Finding | undefined {
  const path = pointerToPath(e.instancePath, data);
  const value = valueAt(data, path);
  const here = schemaAt(root, path);
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownField(e, path, here, kubernetes);
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const where = path.length === 0 ? 'the document' : `'${String(path[path.length - 1])}'`;
      return { code: 'MLW1003', path, message: `Missing required field '${missing}' in ${where}.` };
    }
    case 'type':
      if (value === null) {
        return { code: 'MLW1005', path, message: 'This field is null; the API server drops it, as if it were not written.' };
      }
      return { code: 'MLW1001', path, target: 'value', message: `Expected ${expected(typeWords(e.params))}, found ${describe(value)}.` };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
      const finding: Finding = { code: 'MLW1004', path, target: 'value', message: `${capitalized(describe(value))} is not allowed here; use one of: ${allowed.join(', ')}.${hint}` };
      return guess === undefined ? finding : { ...finding, fix: { title: `Change to '${guess}'`, edits: [{ path, at: 'value', text: guess }] } };
    }
    case 'const':
      return { code: 'MLW1004', path, target: 'value', message: `Must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}.` };
    default:
      return { code: 'MLW1006', path, target: 'value', message: `${capitalized(describe(value))} ${e.message ?? 'does not satisfy the schema'}.` };
  }
}

/**
 * Turns ajv's errors into findings: one per problem, with the noise of alternatives folded.
 * For `anyOf`/`oneOf` (int-or-string and the like), the branch errors become one finding.
 */
export function schemaFindings(errors: readonly ErrorObject[], data: unknown, root: SchemaNode, kubernetes = true): Finding[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inAlternative = (e: ErrorObject): boolean =>
    alternatives.some((a) => a !== e && e.instancePath === a.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (inAlternative(e)) continue;
    let finding: Finding | undefined;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const path = pointerToPath(e.instancePath, data);
      const value = valueAt(data, path);
      const here = schemaAt(root, path);
      const branches = [...(here?.anyOf ?? []), ...(here?.oneOf ?? [])].flatMap((b) => typesOf(deref(root, b)));
      finding = value === null
        ? { code: 'MLW1005', path, message: 'This field is null; the API server drops it, as if it were not written.' }
        : { code: 'MLW1001', path, target: 'value', message: `Expected ${expected(branches)}, found ${describe(value)}.` };
    } else {
      finding = oneFinding(e, data, root, kubernetes);
    }
    if (finding === undefined) continue;
    const key = `${finding.code} ${finding.path.join('/')} ${finding.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(finding);
    }
  }
  return out;
}
