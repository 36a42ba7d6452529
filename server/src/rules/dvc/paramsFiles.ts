import { posix } from 'node:path';
import { parse } from 'yaml';
import { nearName } from '../nearName';
import type { DocContext } from '../../engine/types';
import { asRecord, type Obj } from '../jobs/helpers';

/** DVC's default params file, read from the folder of dvc.yaml (or of a stage's wdir). */
export const DEFAULT_PARAMS = 'params.yaml';

/** A file the rules could not read: absent, unreadable, not YAML/JSON, or not a mapping. */
const UNKNOWN = undefined;

/**
 * The params file `file` (relative to the folder of dvc.yaml) as a mapping, or undefined when the
 * engine has no workspace, the file is absent, or we cannot read it (TOML, Python, bad YAML).
 */
export function readParams(ctx: DocContext, file: string): Obj | undefined {
  const ext = posix.extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) return UNKNOWN;
  const text = ctx.workspace?.readRelative(ctx.fileName, posix.normalize(file));
  if (text === undefined) return UNKNOWN;
  try {
    return asRecord(parse(text, { logLevel: 'silent' }) as unknown);
  } catch {
    return UNKNOWN;
  }
}

/** The segments of a dotted key with optional indexes: `a.b[0].c` is a, b, 0, c. */
export function keySegments(key: string): string[] {
  return key.split(/\.|\[|\]/).filter((s) => s !== '');
}

/** Where a dotted key stops resolving in a value: undefined when it resolves. */
export interface Miss {
  /** The segments that resolved. */
  readonly found: readonly string[];
  /** The segment that did not. */
  readonly missing: string;
  /** The names available where it failed (keys of the mapping), for a suggestion. */
  readonly candidates: readonly string[];
  /** True when the path went through a value that is not a mapping or list. */
  readonly throughScalar: boolean;
}

/** Follows `segments` in `root`; returns where it failed, or undefined when it resolves. */
export function lookup(root: unknown, segments: readonly string[]): Miss | undefined {
  let cur: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    const found = segments.slice(0, i);
    if (Array.isArray(cur)) {
      const n = Number(seg);
      if (!/^\d+$/.test(seg) || n >= cur.length) return { found, missing: seg, candidates: [], throughScalar: false };
      cur = cur[n];
      continue;
    }
    const rec = asRecord(cur);
    if (rec === undefined) return { found, missing: seg, candidates: [], throughScalar: true };
    if (!Object.hasOwn(rec, seg)) return { found, missing: seg, candidates: Object.keys(rec), throughScalar: false };
    cur = rec[seg];
  }
  return undefined;
}

/** The value at `segments`, or undefined where they do not resolve. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  if (lookup(root, segments) !== undefined) return undefined;
  let cur: unknown = root;
  for (const s of segments) cur = Array.isArray(cur) ? (cur as unknown[])[Number(s)] : asRecord(cur)?.[s];
  return cur;
}

/** The closest full key to a missing one, if a likely typo. */
export function suggestKey(miss: Miss): string | undefined {
  const near = nearName(miss.missing, miss.candidates);
  return near === undefined ? undefined : [...miss.found, near].join('.');
}

/** Why a key does not resolve, in words: "'train' has no key 'lr'". */
export function describeMiss(miss: Miss): string {
  const at = miss.found.join('.');
  if (miss.throughScalar) return `'${at}' is a value, not a mapping`;
  return at === '' ? `there is no top-level key '${miss.missing}'` : `'${at}' has no key '${miss.missing}'`;
}

/** Deep merge of mappings (later values win), as DVC merges params files and vars. */
export function mergeInto(target: Record<string, unknown>, source: Obj): void {
  for (const [k, v] of Object.entries(source)) {
    const a = asRecord(target[k]);
    const b = asRecord(v);
    if (a !== undefined && b !== undefined) {
      const merged: Record<string, unknown> = { ...a };
      mergeInto(merged, b);
      target[k] = merged;
    } else {
      target[k] = v;
    }
  }
}
