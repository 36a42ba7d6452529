import { partSpan, type Span } from './locate';
import type { Target, ValuePath } from './types';

// Where the nodes of a document read by the fast reader (plainYaml.ts) are, to place findings
// without building `yaml`'s nodes. Each span is the range[0..1] that `yaml` gives the same node;
// a block collection's end is left unknown (yaml draws it by comment and blank line rules this
// reader does not follow), and a finding that needs one is placed through `yaml` instead.

export interface SpanNode {
  readonly start: number;
  /** undefined when unknown (block collections). */
  readonly end: number | undefined;
  /** A mapping's entries, by the key's text as `yaml`'s locate reads it (a null key is 'null'). */
  readonly keys?: ReadonlyMap<string, SpanEntry>;
  /** A sequence's entries. */
  readonly items?: readonly SpanNode[];
}

export interface SpanEntry {
  readonly key: Span;
  readonly value: SpanNode;
}

/** A node whose span is unknown, where the reader had none to record. */
export const UNKNOWN_SPAN: SpanNode = { start: -1, end: undefined };

function spanOf(node: SpanNode): Span | undefined {
  return node.end === undefined || node.start < 0 ? undefined : [node.start, node.end];
}

function step(node: SpanNode, segment: string | number): SpanEntry | { key: undefined; value: SpanNode } | undefined {
  if (node.items !== undefined && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return node.keys?.get(String(segment));
}

/**
 * locate() of locate.ts over recorded spans: the same span, or undefined where it would take a
 * span the reader does not know.
 */
export function locateSpans(root: SpanNode | undefined, path: ValuePath, target: Target = 'key'): Span | undefined {
  let node = root;
  let keySpan: Span | undefined;
  // An empty document has no node; yaml's locate then falls back to [0, 0].
  let best: Span | undefined = root === undefined ? [0, 0] : spanOf(root);
  for (const segment of path) {
    const moved = node === undefined ? undefined : step(node, segment);
    if (moved === undefined) return keySpan ?? best;
    keySpan = moved.key;
    node = moved.value;
    best = spanOf(node);
  }
  if (node === undefined) return keySpan ?? best;
  return target === 'value' ? spanOf(node) : (keySpan ?? spanOf(node));
}

/** A path valueAt cannot follow as yaml's locate does. */
const UNKNOWN = Symbol('unknown');

/**
 * The value at a path of the document's value, as locate.ts's nodeAt finds its node (lists by
 * number only, own keys only); UNKNOWN for a key yaml names otherwise.
 */
function valueAt(value: unknown, path: ValuePath): unknown {
  let cur = value;
  for (const segment of path) {
    // A null key is '' in the value and 'null' to yaml's locate: leave such paths to yaml.
    if (segment === '' || segment === 'null') return UNKNOWN;
    if (Array.isArray(cur)) cur = typeof segment === 'number' ? (cur as unknown[])[segment] : undefined;
    else if (typeof cur === 'object' && cur !== null && Object.hasOwn(cur, String(segment))) cur = (cur as Record<string, unknown>)[String(segment)];
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * locateInString() of locate.ts over recorded spans, with the string read from the document's
 * value; undefined where it would take a span the reader does not know.
 */
export function locateInStringSpans(root: SpanNode | undefined, value: unknown, text: string, path: ValuePath, index: number, length: number): Span | undefined {
  const whole = locateSpans(root, path, 'value');
  const at = valueAt(value, path);
  if (whole === undefined || at === UNKNOWN) return undefined;
  return partSpan(whole, text, typeof at === 'string' ? at : undefined, index, length);
}
