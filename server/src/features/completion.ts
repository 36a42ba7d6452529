import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { deref, schemaAt, type SchemaNode } from '../engine/schemaNav';
import { REPLICA_KINDS } from '../rules/jobs/kinds';
import type { LineIndex } from '../services/lineIndex';
import { cursorContext, type CursorContext } from './cursor';
import { fieldMarkdown, typeLabel } from './schemaText';
import { MANIFEST_SNIPPETS, replicaSnippet } from './snippets';

/** Extra completions for fields the schema says little about (NCCL variables in env); registered by their modules. */
export type CompletionSource = (ctx: CursorContext, text: string, offset: number, lines: LineIndex) => CompletionItem[];

function keySnippet(root: SchemaNode, name: string, node: SchemaNode | undefined, column: number): string {
  const n = deref(root, node);
  const pad = ' '.repeat(column + 2);
  const type = typeof n?.type === 'string' ? n.type : undefined;
  if (type === 'object' || (n?.properties !== undefined && type === undefined)) return `${name}:\n${pad}$0`;
  if (type === 'array') {
    const item = deref(root, n?.items);
    return item?.type === 'object' ? `${name}:\n${pad}- $0` : `${name}:\n${pad}- $0`;
  }
  const values = n?.enum?.filter((v): v is string => typeof v === 'string');
  if (values !== undefined && values.length > 0) return `${name}: \${1|${values.map((v) => v.replace(/[,|]/g, '\\$&')).join(',')}|}`;
  return `${name}: $0`;
}

function replaceRange(lines: LineIndex, ctx: CursorContext, offset: number): Range {
  return lines.span(ctx.prefixStart, offset);
}

function keyItems(root: SchemaNode, ctx: CursorContext, range: Range): CompletionItem[] {
  const node = schemaAt(root, ctx.path);
  const items: CompletionItem[] = [];
  for (const [name, child] of Object.entries(node?.properties ?? {})) {
    if (ctx.siblings.includes(name)) continue;
    const required = node?.required?.includes(name) === true;
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(root, child)}${required ? ' (required)' : ''}`,
      documentation: { kind: 'markdown', value: fieldMarkdown(root, name, child) },
      sortText: `${required ? '0' : '1'}${name}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: keySnippet(root, name, child, ctx.column) },
    });
  }
  return [...items, ...roleItems(ctx, range)];
}

/** Replica roles under a Kubeflow job's replica map, as whole replica-spec snippets. */
function roleItems(ctx: CursorContext, range: Range): CompletionItem[] {
  const kind = REPLICA_KINDS.find((k) => k.apiVersion === ctx.apiVersion && k.kind === ctx.kind);
  if (kind === undefined || ctx.path.length !== 2 || ctx.path[0] !== 'spec' || ctx.path[1] !== kind.replicaKey) return [];
  const pad = ' '.repeat(ctx.column);
  return kind.replicaTypes
    .filter((role) => !ctx.siblings.includes(role))
    .map((role) => ({
      label: role,
      kind: CompletionItemKind.Snippet,
      detail: `${kind.kind} replica spec`,
      documentation: `A ${role} replica spec with a pod template${kind.container === undefined ? '' : ` and the '${kind.container}' container`}.`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: replicaSnippet(role, kind.container).trimEnd().split('\n').join(`\n${pad}`) },
    }));
}

function valueItems(root: SchemaNode, ctx: CursorContext, range: Range): CompletionItem[] {
  const node = schemaAt(root, ctx.path);
  const values: unknown[] = [...(node?.enum ?? [])].filter((v) => v !== null);
  if (values.length === 0 && (node?.type === 'boolean' || (Array.isArray(node?.type) && node.type.includes('boolean')))) values.push(true, false);
  return values.map((v, i) => ({
    label: String(v),
    kind: CompletionItemKind.EnumMember,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: String(v) },
  }));
}

/** apiVersion and kind values, and whole-manifest snippets, for a document that has no kind yet. */
function headerItems(engine: Engine, ctx: CursorContext, range: Range): CompletionItem[] {
  const known = engine.knownKinds();
  const split = (k: string): [string, string] => [k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1)];
  if (ctx.position === 'value' && ctx.path.length === 1 && ctx.path[0] === 'apiVersion') {
    return [...new Set(known.map((k) => split(k)[0]))].map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range, newText: v } }));
  }
  if (ctx.position === 'value' && ctx.path.length === 1 && ctx.path[0] === 'kind') {
    const kinds = known.map(split).filter(([v]) => ctx.apiVersion === undefined || v === ctx.apiVersion).map(([, k]) => k);
    return [...new Set(kinds)].map((k) => ({ label: k, kind: CompletionItemKind.Class, textEdit: { range, newText: k } }));
  }
  if (ctx.position !== 'key' || ctx.path.length !== 0 || ctx.kind !== undefined || ctx.apiVersion !== undefined) return [];
  return MANIFEST_SNIPPETS.map((s) => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.kind,
    documentation: { kind: 'markdown', value: `\`\`\`yaml\n${s.body.replace(/\$\{\d+:([^}]*)\}/g, '$1')}\`\`\`` },
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: s.body },
  }));
}

/** Completion at an offset of a YAML text: keys and values from the schema, snippets, and the extra sources. */
export function completeYaml(engine: Engine, text: string, offset: number, lines: LineIndex, sources: readonly CompletionSource[] = []): CompletionItem[] {
  const ctx = cursorContext(text, offset);
  if (ctx === undefined) return [];
  const range = replaceRange(lines, ctx, offset);
  const extra = sources.flatMap((s) => s(ctx, text, offset, lines));
  const header = headerItems(engine, ctx, range);
  if (ctx.apiVersion === undefined || ctx.kind === undefined) return [...header, ...extra];
  const known = engine.schemaFor(`${ctx.apiVersion}/${ctx.kind}`);
  if (known === undefined) return [...header, ...extra];
  const items = ctx.position === 'key' ? keyItems(known.schema, ctx, range) : valueItems(known.schema, ctx, range);
  return [...header, ...items, ...extra];
}
