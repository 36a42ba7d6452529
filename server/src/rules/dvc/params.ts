import { posix } from 'node:path';
import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, finding, withFix, yamlScalar, type Obj } from '../jobs/helpers';
import { DEFAULT_PARAMS, describeMiss, keySegments, lookup, readParams, suggestKey } from './paramsFiles';
import { stagesOf, wdirOf } from './stages';

/** The params files of one stage, read once each: undefined when absent or unreadable. */
class ParamsCache {
  private readonly files = new Map<string, Obj | undefined>();

  constructor(private readonly ctx: DocContext) {}

  get(file: string): Obj | undefined {
    const key = posix.normalize(file);
    if (!this.files.has(key)) this.files.set(key, readParams(this.ctx, key));
    return this.files.get(key);
  }
}

/** A key as YAML text: plain when it can be, quoted otherwise. */
function keyText(key: string): string {
  const plain = /^[A-Za-z_][\w.-]*$/.test(key) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(key);
  return plain ? key : yamlScalar(key);
}

/** MLW4303 for one key of one params file, at `path` (the key's string). */
function checkKey(params: Obj, file: string, key: string, path: ValuePath): Finding[] {
  if (key.includes('${')) return [];
  // A key written with its dots at the top level (DVC reads `a.b` so too) resolves.
  if (Object.hasOwn(params, key)) return [];
  const miss = lookup(params, keySegments(key));
  if (miss === undefined) return [];
  const suggestion = suggestKey(miss);
  const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  const f = finding('MLW4303', path, `Parameter '${key}' is not in ${file} (${describeMiss(miss)}): dvc repro stops on a missing parameter.${hint}`, 'value');
  return suggestion === undefined ? [f] : [withFix(f, `Change to '${suggestion}'`, { path, at: 'value', text: keyText(suggestion) })];
}

/** The findings of one stage's `params` list. */
function stageParams(cache: ParamsCache, wdir: string, list: unknown, path: ValuePath): Finding[] {
  const out: Finding[] = [];
  asArray(list).forEach((entry, i) => {
    if (typeof entry === 'string') {
      const params = cache.get(posix.join(wdir, DEFAULT_PARAMS));
      if (params !== undefined) out.push(...checkKey(params, DEFAULT_PARAMS, entry, [...path, i]));
      return;
    }
    for (const [file, keys] of Object.entries(asRecord(entry) ?? {})) {
      if (file.includes('${') || !Array.isArray(keys)) continue;
      const params = cache.get(posix.join(wdir, file));
      if (params === undefined) continue;
      keys.forEach((k: unknown, j) => {
        if (typeof k === 'string') out.push(...checkKey(params, file, k, [...path, i, file, j]));
      });
    }
  });
  return out;
}

/** MLW4303: keys under a stage's params that its params files do not have. Silent without a workspace or the file. */
export const paramKeys: DocumentRule = (ctx) => {
  if (ctx.workspace === undefined) return [];
  const cache = new ParamsCache(ctx);
  const out: Finding[] = [];
  for (const s of stagesOf(ctx.value)) {
    const wdir = wdirOf(s.body);
    if (s.body === undefined || wdir === undefined) continue;
    out.push(...stageParams(cache, wdir, s.body['params'], [...s.bodyPath, 'params']));
  }
  return out;
};
