import { posix } from 'node:path';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, entries, finding } from '../jobs/helpers';
import { stagesOf, wdirOf, type DvcStage } from './stages';

/** The lists of a stage whose entries are outputs. */
const OUTPUT_LISTS = ['outs', 'metrics', 'plots'] as const;

/** One output of a stage: its path as written, where it is, and whether the path is a mapping key. */
interface Output {
  readonly path: string;
  readonly at: ValuePath;
  readonly target: 'key' | 'value';
}

/** The outputs of a stage's fields (`body`), at `bodyPath`. */
function outputsOf(body: Readonly<Record<string, unknown>>, bodyPath: ValuePath): Output[] {
  const out: Output[] = [];
  for (const list of OUTPUT_LISTS) {
    asArray(body[list]).forEach((entry, i) => {
      const at = [...bodyPath, list, i];
      if (typeof entry === 'string') out.push({ path: entry, at, target: 'value' });
      else for (const [p] of entries(entry)) out.push({ path: p, at: [...at, p], target: 'key' });
    });
  }
  return out;
}

/** A path as DVC compares them: joined to the wdir, normalized, without a trailing slash. */
function normalized(wdir: string, path: string): string {
  return posix.normalize(posix.join(wdir, path)).replace(/\/+$/, '');
}

/** How many stages a foreach or matrix generates, when written out (undefined otherwise). */
function generatedCount(s: DvcStage): number | undefined {
  if (s.form === 'foreach') {
    const data = s.stage['foreach'];
    if (Array.isArray(data)) return data.length;
    const rec = asRecord(data);
    return rec === undefined ? undefined : Object.keys(rec).length;
  }
  if (s.form === 'matrix') {
    const lists = Object.values(asRecord(s.stage['matrix']) ?? {});
    return lists.every(Array.isArray) ? lists.reduce((n, l) => n * (l as unknown[]).length, 1) : undefined;
  }
  return 1;
}

/** MLW4306: an output path written by two stages, or by every stage a foreach or matrix generates. */
const duplicateOutputs: DocumentRule = (ctx) => {
  const out: Finding[] = [];
  const owner = new Map<string, string>();
  for (const s of stagesOf(ctx.value)) {
    const wdir = wdirOf(s.body);
    if (s.body === undefined || wdir === undefined) continue;
    const count = generatedCount(s);
    for (const o of outputsOf(s.body, s.bodyPath)) {
      if (o.path.includes('${')) continue;
      const key = normalized(wdir, o.path);
      const first = owner.get(key);
      if (first !== undefined && first !== s.name) {
        out.push(finding('MLW4306', o.at, `'${o.path}' is also an output of stage '${first}': DVC refuses two stages with the same output.`, o.target));
      } else if (first === undefined && s.form !== 'plain' && count !== undefined && count > 1) {
        const how = s.form === 'foreach' ? 'foreach' : 'matrix';
        out.push(finding('MLW4306', o.at, `Each of the ${count} stages the ${how} of '${s.name}' generates writes '${o.path}': DVC refuses two stages with the same output. Put \${${s.form === 'foreach' ? 'item' : 'key'}} in the path.`, o.target));
      }
      if (first === undefined) owner.set(key, s.name);
    }
  }
  return out;
};

/** MLW4307: an entry `- path:` whose flags are not a mapping. */
const outputFlags: DocumentRule = (ctx) => {
  const out: Finding[] = [];
  for (const s of stagesOf(ctx.value)) {
    if (s.body === undefined) continue;
    for (const list of OUTPUT_LISTS) {
      asArray(s.body[list]).forEach((entry, i) => {
        for (const [p, flags] of entries(entry)) {
          if (asRecord(flags) !== undefined) continue;
          const what = flags === null ? 'nothing after the colon' : 'flags that are not a mapping';
          out.push(finding('MLW4307', [...s.bodyPath, list, i, p], `'${p}' has ${what}: DVC refuses the entry. Write '- ${p}' without the colon, or give its flags (cache, persist...) under it.`, 'key'));
        }
      });
    }
  }
  return out;
};

export const outputRules: readonly DocumentRule[] = [duplicateOutputs, outputFlags];
