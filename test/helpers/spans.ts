import { parseDocument } from 'yaml';
import { locate, locateInString } from '../../server/src/engine/locate';
import { readPlainYaml, readPlainYamlSpans } from '../../server/src/engine/plainYaml';
import { locateInStringSpans, locateSpans } from '../../server/src/engine/spans';
import type { ValuePath } from '../../server/src/engine/types';

/** Every path of a value (keys and indexes, depth first), with a missing key and index under each collection. */
function paths(value: unknown, path: ValuePath = [], out: ValuePath[] = []): ValuePath[] {
  out.push(path);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...path, i], out));
    out.push([...path, value.length], [...path, 'missing']);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) paths(v, [...path, k], out);
    out.push([...path, 'missing'], [...path, 0]);
  }
  return out;
}

function valueAt(value: unknown, path: ValuePath): unknown {
  let cur = value;
  for (const seg of path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

/**
 * Where the fast reader's spans place findings, against yaml's locate on the same text: every path
 * of the document, both targets, and parts of its strings. `known` counts the placements the spans
 * could make (the others are left to yaml by design).
 */
export function spanDisagreements(text: string): { known: number; problems: string[] } {
  const read = readPlainYaml(text);
  if (read === undefined) return { known: 0, problems: [] };
  const spans = readPlainYamlSpans(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'silent' });
  const problems: string[] = [];
  let known = 0;
  const check = (what: string, ours: readonly [number, number] | undefined, theirs: readonly [number, number]): void => {
    if (ours === undefined) return;
    known++;
    if (ours[0] !== theirs[0] || ours[1] !== theirs[1]) problems.push(`${what}: spans [${ours.join(', ')}], yaml [${theirs.join(', ')}]`);
  };
  for (const path of paths(read.value)) {
    for (const target of ['key', 'value'] as const) check(`${target} of ${JSON.stringify(path)}`, locateSpans(spans, path, target), locate(doc, path, target));
    const v = valueAt(read.value, path);
    if (typeof v === 'string' && v.length > 0) {
      const index = Math.floor(v.length / 3);
      const length = Math.max(1, Math.min(4, v.length - index));
      check(`part ${index}+${length} of ${JSON.stringify(path)}`, locateInStringSpans(spans, read.value, text, path, index, length), locateInString(doc, text, path, index, length));
    }
  }
  return { known, problems };
}
