import { nearName } from '../nearName';
import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asRecord, entries, finding } from '../jobs/helpers';
import { describeMiss, keySegments, lookup, suggestKey, valueAt } from './paramsFiles';
import { stagesOf, type DvcStage } from './stages';
import { globalValues, stageValues, type Values } from './vars';

/** What `${item}` and `${key}` are where a string is: nothing, a foreach's elements, or a matrix's lists. */
type Scope =
  | { readonly kind: 'none' }
  /** `elements` is undefined when foreach names its data with ${...} we could not resolve. */
  | { readonly kind: 'foreach'; readonly mapping: boolean | undefined; readonly elements: readonly unknown[] | undefined }
  | { readonly kind: 'matrix'; readonly names: readonly string[] };

const NONE: Scope = { kind: 'none' };
/** A `${...}` DVC reads as a name: dotted segments, with optional [index]. */
const REFERENCE = /^[^\s.[\]${}]+(?:\.[^\s.[\]${}]+|\[[^\s[\]${}]+\])*$/;

/** The names written `${...}` in a string, except escaped `\${...}`. */
export function references(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\\?)\$\{([^}]*)\}/g)) {
    const expr = (m[2] ?? '').trim();
    if (m[1] === '' && REFERENCE.test(expr)) out.push(expr);
  }
  return out;
}

/** Calls `visit` with every string under `value` (not the keys), with its path. */
function walkStrings(value: unknown, path: ValuePath, visit: (text: string, path: ValuePath) => void): void {
  if (typeof value === 'string') {
    if (value.includes('${')) visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => {
      walkStrings(v, [...path, i], visit);
    });
  } else {
    for (const [k, v] of entries(value)) walkStrings(v, [...path, k], visit);
  }
}

function hint(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean '\${${suggestion}}'?`;
}

/** MLW4304 for `${item.field}` in a foreach stage whose elements we know. */
function foreachField(expr: string, field: string, elements: readonly unknown[]): string | undefined {
  const records = elements.map(asRecord);
  if (records.every((r) => r === undefined)) {
    if (/^\d+$/.test(field) && elements.every(Array.isArray)) return undefined;
    return `'\${${expr}}' reads field '${field}' of the foreach elements, but they are not mappings: use \${item}.`;
  }
  const fields = new Set(records.flatMap((r) => Object.keys(r ?? {})));
  if (fields.has(field)) return undefined;
  const near = nearName(field, fields);
  return `No element of foreach has a field '${field}', so '\${${expr}}' fails.${hint(near === undefined ? undefined : `item.${near}`)}`;
}

/** MLW4304: the message for `${item...}` or `${key}` in this scope, or undefined when it is defined. */
function iterationProblem(expr: string, segments: readonly string[], scope: Scope): string | undefined {
  const [root, field] = segments;
  if (scope.kind === 'none') {
    return `'\${${expr}}' is defined only in the stages a foreach or matrix generates; here DVC looks for '${root ?? ''}' in params.yaml and vars.`;
  }
  if (root === 'key') {
    return scope.kind === 'foreach' && scope.mapping === false ? `'\${key}' is defined only when foreach iterates over a mapping; this foreach is a list. Use \${item}.` : undefined;
  }
  if (field === undefined) return undefined;
  if (scope.kind === 'matrix') {
    if (scope.names.includes(field)) return undefined;
    const near = nearName(field, scope.names);
    return `The matrix has no list '${field}', so '\${${expr}}' fails; it has ${scope.names.map((n) => `'${n}'`).join(', ')}.${hint(near === undefined ? undefined : `item.${near}`)}`;
  }
  return scope.elements === undefined ? undefined : foreachField(expr, field, scope.elements);
}

/** The findings of one string: each reference checked against the scope and the values. */
function checkString(text: string, path: ValuePath, scope: Scope, values: Values): Finding[] {
  const out: Finding[] = [];
  for (const expr of new Set(references(text))) {
    const segments = keySegments(expr);
    const root = segments[0] ?? '';
    const definedByValues = values.complete && lookup(values.values, segments) === undefined;
    if ((root === 'item' || root === 'key') && !(scope.kind === 'none' && definedByValues)) {
      const problem = iterationProblem(expr, segments, scope);
      if (problem !== undefined) out.push(finding('MLW4304', path, problem, 'value'));
      continue;
    }
    if (!values.complete) continue;
    const miss = lookup(values.values, segments);
    if (miss === undefined) continue;
    const where = `${describeMiss(miss)} in params.yaml and vars`;
    out.push(finding('MLW4305', path, `'\${${expr}}' does not resolve: ${where}, and DVC refuses the file.${hint(suggestKey(miss))}`, 'value'));
  }
  return out;
}

/** The elements a foreach iterates over, when written out or resolvable. */
function foreachScope(data: unknown, values: Values): Scope {
  let resolved = data;
  if (typeof data === 'string') {
    const [expr] = references(data);
    resolved = values.complete && expr !== undefined ? valueAt(values.values, keySegments(expr)) : undefined;
  }
  if (Array.isArray(resolved)) return { kind: 'foreach', mapping: false, elements: resolved as unknown[] };
  const rec = asRecord(resolved);
  return rec === undefined ? { kind: 'foreach', mapping: undefined, elements: undefined } : { kind: 'foreach', mapping: true, elements: Object.values(rec) };
}

/** The strings of one stage, each with its scope and values. */
function stageFindings(ctx: DocContext, global: Values, s: DvcStage): Finding[] {
  const out: Finding[] = [];
  const values = stageValues(ctx, global, s.body);
  const check = (scope: Scope, v: Values) => (text: string, path: ValuePath): void => {
    out.push(...checkString(text, path, scope, v));
  };
  if (s.form === 'foreach') {
    walkStrings(s.stage['foreach'], [...s.path, 'foreach'], check(NONE, global));
    const scope = foreachScope(s.stage['foreach'], global);
    for (const [k, v] of entries(s.body)) if (k !== 'vars') walkStrings(v, [...s.bodyPath, k], check(scope, values));
    return out;
  }
  const matrix = asRecord(s.stage['matrix']);
  const scope: Scope = s.form === 'matrix' ? { kind: 'matrix', names: Object.keys(matrix ?? {}) } : NONE;
  for (const [k, v] of entries(s.stage)) {
    if (k === 'vars') continue;
    walkStrings(v, [...s.path, k], check(k === 'matrix' ? NONE : scope, k === 'matrix' ? global : values));
  }
  return out;
}

/** MLW4304, MLW4305: `${...}` in stages and in the top-level plots, metrics, params and artifacts. */
export const interpolationRule: DocumentRule = (ctx) => {
  const global = globalValues(ctx);
  const out: Finding[] = [];
  for (const s of stagesOf(ctx.value)) out.push(...stageFindings(ctx, global, s));
  for (const top of ['plots', 'metrics', 'params', 'artifacts']) {
    walkStrings(asRecord(ctx.value)?.[top], [top], (text, path) => {
      out.push(...checkString(text, path, NONE, global));
    });
  }
  return out;
};
