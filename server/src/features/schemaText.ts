import { deref, type SchemaNode } from '../engine/schemaNav';

/** A short type label for a schema node: `integer`, `string`, `integer | string`, `list of mapping`... */
export function typeLabel(root: SchemaNode, node: SchemaNode | undefined): string {
  const n = deref(root, node);
  if (n === undefined) return 'any';
  const alts = [...(n.anyOf ?? []), ...(n.oneOf ?? [])];
  if (alts.length > 0) return [...new Set(alts.map((a) => typeLabel(root, a)))].filter((t) => t !== 'null').join(' | ');
  const types = (typeof n.type === 'string' ? [n.type] : [...(n.type ?? [])]).filter((t) => t !== 'null');
  const [t] = types;
  if (t === 'array') return `list of ${typeLabel(root, n.items)}`;
  if (t === 'object') return n.properties === undefined && typeof n.additionalProperties === 'object' ? `map of ${typeLabel(root, n.additionalProperties)}` : 'mapping';
  return t ?? (n.enum !== undefined ? 'string' : 'any');
}

/** Markdown for a field: our description, its type, allowed values and default. */
export function fieldMarkdown(root: SchemaNode, name: string, node: SchemaNode | undefined): string {
  const n = deref(root, node);
  const lines = [`**${name}**: \`${typeLabel(root, n)}\``];
  if (n?.description !== undefined) lines.push('', n.description);
  const values = n?.enum?.filter((v) => v !== null);
  if (values !== undefined && values.length > 0) lines.push('', `Allowed: ${values.map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ')}`);
  const def = n?.['default'];
  if (typeof def === 'string' || typeof def === 'number' || typeof def === 'boolean') lines.push('', `Default: \`${String(def)}\``);
  if (n?.required !== undefined && n.required.length > 0) lines.push('', `Requires: ${n.required.map((r) => `\`${r}\``).join(', ')}`);
  return lines.join('\n');
}
