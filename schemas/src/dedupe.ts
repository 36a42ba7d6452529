import type { JsonSchema } from './types';

/** Subtrees smaller than this stay inline: a `$ref` would cost more than it saves. */
const MIN_SIZE = 600;

type Node = JsonSchema & Record<string, unknown>;

/** The children of a node, each with a name for a definition made of it (from the field name). */
function children(node: Node, name: string): [Node, string][] {
  const out: [Node, string][] = [];
  for (const [field, child] of Object.entries(node.properties ?? {})) out.push([child as Node, field]);
  if (typeof node.additionalProperties === 'object') out.push([node.additionalProperties as Node, `${name}Value`]);
  if (node.items !== undefined) out.push([node.items as Node, singular(name)]);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const s of node[key] ?? []) out.push([s as Node, name]);
  return out;
}

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : `${name}Item`;
}

function count(node: Node, seen: Map<string, { n: number; name: string }>, name: string): void {
  const text = JSON.stringify(node);
  if (text.length >= MIN_SIZE) {
    const entry = seen.get(text);
    if (entry === undefined) seen.set(text, { n: 1, name });
    else entry.n++;
  }
  for (const [child, childName] of children(node, name)) count(child, seen, childName);
}

function defName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}${i}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Moves subtrees that occur more than once (a container in `containers` and `initContainers`,
 * the three probes...) into `definitions`, leaving `$ref`s. The schema means the same; it is
 * smaller, and a validator compiles each shared part once.
 */
export function dedupe(schema: JsonSchema): JsonSchema {
  const seen = new Map<string, { n: number; name: string }>();
  count(schema as Node, seen, 'root');
  const defs = new Map<string, { name: string; schema: JsonSchema }>();
  const taken = new Set<string>();
  const rewrite = (node: Node, top: boolean): JsonSchema => {
    const text = JSON.stringify(node);
    const entry = top ? undefined : seen.get(text);
    if (entry !== undefined && entry.n > 1) {
      let def = defs.get(text);
      if (def === undefined) {
        def = { name: defName(entry.name, taken), schema: {} };
        defs.set(text, def);
        def.schema = rewriteChildren(node);
      }
      return { $ref: `#/definitions/${def.name}` };
    }
    return rewriteChildren(node);
  };
  const rewriteChildren = (node: Node): JsonSchema => {
    const out: Node = { ...node };
    if (node.properties !== undefined) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, rewrite(v as Node, false)]));
    }
    if (typeof node.additionalProperties === 'object') out.additionalProperties = rewrite(node.additionalProperties as Node, false);
    if (node.items !== undefined) out.items = rewrite(node.items as Node, false);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = node[key];
      if (list !== undefined) out[key] = list.map((s) => rewrite(s as Node, false));
    }
    return out;
  };
  const root = rewrite(schema as Node, true);
  if (defs.size === 0) return root;
  const definitions: Record<string, JsonSchema> = Object.fromEntries(
    [...defs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((d): [string, JsonSchema] => [d.name, d.schema]),
  );
  return { ...root, definitions };
}
