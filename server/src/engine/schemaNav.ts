import type { ValuePath } from './types';

/** A JSON Schema node as the engine reads it (only the keywords it navigates and reports). */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  /** Other keywords (limits, patterns, defaults), read where needed. */
  readonly [keyword: string]: unknown;
}

const MAX_REF_HOPS = 32;

/** Follows local `$ref`s (`#/definitions/name`) to the node they name. */
export function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let cur = node;
  for (let hops = 0; cur?.$ref !== undefined && hops < MAX_REF_HOPS; hops++) {
    const match = /^#\/definitions\/(.+)$/.exec(cur.$ref);
    cur = match?.[1] === undefined ? undefined : root.definitions?.[decodeURIComponent(match[1])];
  }
  return cur;
}

function alternatives(node: SchemaNode): readonly SchemaNode[] {
  return [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
}

/** The schema of one step down: a field of an object, or an item of a list. */
function child(root: SchemaNode, node: SchemaNode, seg: string | number): SchemaNode | undefined {
  if (typeof seg === 'number') {
    if (node.items !== undefined) return deref(root, node.items);
  } else {
    const prop = node.properties?.[seg];
    if (prop !== undefined) return deref(root, prop);
    if (typeof node.additionalProperties === 'object') return deref(root, node.additionalProperties);
  }
  for (const alt of alternatives(node)) {
    const found = child(root, deref(root, alt) ?? {}, seg);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The schema that governs the value at `path`, or undefined where the schema says nothing. */
export function schemaAt(root: SchemaNode, path: ValuePath): SchemaNode | undefined {
  let cur = deref(root, root);
  for (const seg of path) {
    if (cur === undefined) return undefined;
    cur = child(root, cur, seg);
  }
  return cur;
}
