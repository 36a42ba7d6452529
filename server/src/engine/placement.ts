import type { Document } from 'yaml';
import { locate, locateInString, type Span } from './locate';
import { locateInStringSpans, locateSpans, type SpanNode } from './spans';
import type { Target, ValuePath } from './types';

/** Where a document's findings go: at a path's key or value, or in a part of a string value. */
export interface Placement {
  at(path: ValuePath, target?: Target): Span;
  inString(path: ValuePath, index: number, length: number): Span;
}

/** Placement through yaml's nodes. */
export function nodePlacement(docOf: () => Document.Parsed, text: string): Placement {
  return {
    at: (path, target) => locate(docOf(), path, target),
    inString: (path, index, length) => locateInString(docOf(), text, path, index, length),
  };
}

/**
 * Placement through the spans the fast reader records (read once, on first use), with yaml's
 * nodes (also built on first use) for what the spans do not know: the same spans either way.
 */
export function spanPlacement(spansOf: () => SpanNode | undefined, docOf: () => Document.Parsed, value: unknown, text: string): Placement {
  const nodes = nodePlacement(docOf, text);
  let read = false;
  let root: SpanNode | undefined;
  const spans = (): SpanNode | undefined => {
    if (!read) {
      root = spansOf();
      read = true;
    }
    return root;
  };
  return {
    at: (path, target) => locateSpans(spans(), path, target) ?? nodes.at(path, target),
    inString: (path, index, length) => locateInStringSpans(spans(), value, text, path, index, length) ?? nodes.inString(path, index, length),
  };
}
