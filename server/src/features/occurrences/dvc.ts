import type { ValuePath } from '../../engine/types';
import type { Occurrence, OccurrenceProvider } from '../navigation';
import { folderOf, list, record, strings } from './walk';

const INTERPOLATION = /\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}/g;

function symbol(folder: string, file: string, key: string): string {
  return `dvc-param:${folder}${file}:${key}`;
}

/** A reference to a dotted key: the rename target is its last segment. */
function keyRef(folder: string, file: string, dotted: string, path: ValuePath, offset: number): Occurrence {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return { symbol: symbol(folder, file, dotted), name: last, role: 'ref', path, at: { index: offset + dotted.length - last.length, length: last.length } };
}

function paramsDefs(v: unknown, folder: string, prefix: string, path: ValuePath, out: Occurrence[]): void {
  const r = record(v);
  if (r === undefined) return;
  for (const [k, x] of Object.entries(r)) {
    const dotted = prefix === '' ? k : `${prefix}.${k}`;
    out.push({ symbol: symbol(folder, 'params.yaml', dotted), name: k, role: 'def', path: [...path, k], at: 'key' });
    paramsDefs(x, folder, dotted, [...path, k], out);
  }
}

function stageRefs(stage: unknown, name: string, folder: string, out: Occurrence[]): void {
  const s = record(stage);
  list(s?.['params']).forEach((p, i) => {
    if (typeof p === 'string') out.push(keyRef(folder, 'params.yaml', p, ['stages', name, 'params', i], 0));
    for (const [file, keys] of Object.entries(record(p) ?? {})) {
      list(keys).forEach((k, j) => {
        if (typeof k === 'string') out.push(keyRef(folder, file, k, ['stages', name, 'params', i, file, j], 0));
      });
    }
  });
  for (const str of strings(stage, ['stages', name])) {
    for (const m of str.text.matchAll(INTERPOLATION)) {
      const dotted = m[1] ?? '';
      if (dotted === 'item' || dotted.startsWith('item.') || dotted === 'key') continue;
      out.push(keyRef(folder, 'params.yaml', dotted, str.path, m.index + m[0].indexOf(dotted)));
    }
  }
}

/** DVC: keys of params.yaml (definitions) and their uses in dvc.yaml stages (params lists, `${...}`). */
export const dvcOccurrences: OccurrenceProvider = (value, place) => {
  const folder = folderOf(place.file);
  const out: Occurrence[] = [];
  if (place.kindKey === 'params.yaml') paramsDefs(value, folder, '', [], out);
  if (place.kindKey === 'dvc.yaml') for (const [name, stage] of Object.entries(record(record(value)?.['stages']) ?? {})) stageRefs(stage, name, folder, out);
  return out;
};
