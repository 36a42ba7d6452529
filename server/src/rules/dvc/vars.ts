import { posix } from 'node:path';
import type { DocContext } from '../../engine/types';
import { asArray, asRecord, type Obj } from '../jobs/helpers';
import { DEFAULT_PARAMS, keySegments, mergeInto, readParams, valueAt } from './paramsFiles';
import { wdirOf } from './stages';

/** The values `${...}` can name, and whether we know all of them. */
export interface Values {
  readonly values: Obj;
  /** False when a file that adds values could not be read: unresolved names are then not reported. */
  readonly complete: boolean;
}

const UNKNOWN: Values = { values: {}, complete: false };

/** Sets a dotted key, making the mappings on the way. */
function setAt(root: Record<string, unknown>, key: string, value: unknown): void {
  const segments = keySegments(key);
  let cur = root;
  segments.forEach((s, i) => {
    if (i === segments.length - 1) {
      cur[s] = value;
      return;
    }
    const next: Record<string, unknown> = { ...(asRecord(cur[s]) ?? {}) };
    cur[s] = next;
    cur = next;
  });
}

/** Adds one `vars` list (files relative to `dir`, or mappings) to `target`; false when a file cannot be read. */
function addVars(ctx: DocContext, target: Record<string, unknown>, vars: unknown, dir: string, loaded: Set<string>): boolean {
  let complete = true;
  for (const entry of asArray(vars)) {
    const rec = asRecord(entry);
    if (rec !== undefined) {
      mergeInto(target, rec);
      continue;
    }
    if (typeof entry !== 'string' || entry.includes('${')) {
      complete = false;
      continue;
    }
    const colon = entry.indexOf(':');
    const file = posix.normalize(posix.join(dir, colon < 0 ? entry : entry.slice(0, colon)));
    const keys = colon < 0 ? [] : entry.slice(colon + 1).split(',').filter((k) => k !== '');
    if (keys.length === 0 && loaded.has(file)) continue;
    const data = readParams(ctx, file);
    if (data === undefined) {
      complete = false;
      continue;
    }
    loaded.add(file);
    if (keys.length === 0) mergeInto(target, data);
    for (const k of keys) {
      const v = valueAt(data, keySegments(k));
      if (v === undefined) complete = false;
      else setAt(target, k, v);
    }
  }
  return complete;
}

/**
 * The values of the whole file: params.yaml, then the top-level vars. Incomplete without a
 * workspace or a params.yaml (values are reported unresolved only when params.yaml was read).
 */
export function globalValues(ctx: DocContext): Values {
  if (ctx.workspace === undefined) return UNKNOWN;
  const params = readParams(ctx, DEFAULT_PARAMS);
  if (params === undefined) return UNKNOWN;
  const values: Record<string, unknown> = {};
  mergeInto(values, params);
  const complete = addVars(ctx, values, asRecord(ctx.value)?.['vars'], '.', new Set([DEFAULT_PARAMS]));
  return { values, complete };
}

/** The values of one stage: the file's, and the stage's own vars (files relative to its wdir). */
export function stageValues(ctx: DocContext, global: Values, body: Obj | undefined): Values {
  if (!global.complete || body === undefined || body['vars'] === undefined) return global;
  const wdir = wdirOf(body);
  if (wdir === undefined) return UNKNOWN;
  const values: Record<string, unknown> = {};
  mergeInto(values, global.values);
  const complete = addVars(ctx, values, body['vars'], wdir, new Set([DEFAULT_PARAMS]));
  return { values, complete };
}
