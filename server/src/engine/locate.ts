import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Target, ValuePath } from './types';

/** A [start, end) span of offsets in the document's chunk. */
export type Span = readonly [number, number];

function resolve(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  // A merge key (`<<`) has a symbol for its value.
  if (isScalar(k)) return typeof k.value === 'symbol' ? '<<' : String(k.value);
  return typeof k === 'string' || typeof k === 'number' ? String(k) : undefined;
}

/** The pair with this key in a mapping, following merge keys (`<<`) the way toJS does. */
function findPair(doc: Document.Parsed, map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  let merged: Pair | undefined;
  for (const item of map.items) {
    const name = keyText(item);
    if (name === key) return item;
    if (name === '<<' && merged === undefined) {
      const sources = resolve(doc, item.value);
      const list = isSeq(sources) ? sources.items.map((s) => resolve(doc, s)) : [sources];
      for (const src of list) {
        const found = isNode(src) ? findPair(doc, src, key) : undefined;
        if (found !== undefined) {
          merged = found;
          break;
        }
      }
    }
  }
  return merged;
}

function nodeSpan(node: unknown): Span | undefined {
  if (!isNode(node) || node.range === null || node.range === undefined) return undefined;
  return [node.range[0], node.range[1]];
}

/** One step down a path: the child node and the span of its key (for mappings). */
function step(doc: Document.Parsed, node: unknown, segment: string | number): { next: unknown; key: Span | undefined } | undefined {
  const here = resolve(doc, node);
  if (isSeq(here) && typeof segment === 'number') {
    const next: unknown = here.items[segment];
    return next === undefined ? undefined : { next, key: undefined };
  }
  if (!isMap(here)) return undefined;
  const pair = findPair(doc, here, String(segment));
  return pair === undefined ? undefined : { next: pair.value, key: nodeSpan(pair.key) };
}

/**
 * The span a finding at `path` points at: the key (or value) of its last segment. When the path
 * runs out of the document (a missing field), the deepest node that exists is used, so the
 * finding still lands on the object that lacks the field.
 */
export function locate(doc: Document.Parsed, path: ValuePath, target: Target = 'key'): Span {
  let node: unknown = doc.contents;
  let keySpan: Span | undefined;
  let best: Span = nodeSpan(node) ?? [0, 0];
  for (const segment of path) {
    const moved = step(doc, node, segment);
    if (moved === undefined) return keySpan ?? best;
    keySpan = moved.key;
    node = moved.next;
    best = nodeSpan(resolve(doc, node)) ?? keySpan ?? best;
  }
  if (target === 'value') return nodeSpan(node) ?? keySpan ?? best;
  return keySpan ?? nodeSpan(node) ?? best;
}

/** The value node at a path, if it exists (rules use it to read source detail). */
export function nodeAt(doc: Document.Parsed, path: ValuePath): unknown {
  let node: unknown = doc.contents;
  for (const segment of path) {
    node = resolve(doc, node);
    if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else if (isMap(node)) node = findPair(doc, node, String(segment))?.value;
    else return undefined;
    if (node === undefined) return undefined;
  }
  return resolve(doc, node);
}


/**
 * The span of a part of a string value: `index` and `length` count in the parsed string, and the
 * part is found again in the source (quotes, folding and escapes move it). The k-th occurrence of
 * the part in the string maps to its k-th occurrence in the source; the whole value's span when
 * the source does not show it as written.
 */
export function locateInString(doc: Document.Parsed, text: string, path: ValuePath, index: number, length: number): Span {
  const node = nodeAt(doc, path);
  const value = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  return partSpan(locate(doc, path, 'value'), text, value, index, length);
}

/** Within `whole`, the span of value[index, index + length) as the source writes it (see locateInString). */
export function partSpan(whole: Span, text: string, value: string | undefined, index: number, length: number): Span {
  const [start, end] = whole;
  if (value === undefined || index < 0 || length <= 0 || index + length > value.length) return whole;
  const needle = value.slice(index, index + length);
  let nth = 0;
  for (let i = value.indexOf(needle); i >= 0 && i < index; i = value.indexOf(needle, i + 1)) nth++;
  const source = text.slice(start, end);
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = source.indexOf(needle, at + 1);
    if (at < 0) return [start, end];
  }
  return [start + at, start + at + length];
}
