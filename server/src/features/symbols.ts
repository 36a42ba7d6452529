import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { splitDocuments } from '../engine/chunks';
import type { LineIndex } from '../services/lineIndex';

type Span = (start: number, end: number) => DocumentSymbol['range'];

function scalar(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function get(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => scalar(p.key) === key)?.value;
}

function pairSymbol(pair: Pair, name: string, kind: SymbolKind, span: Span, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0];
  const end = value?.range?.[1] ?? key?.range?.[1];
  const keyEnd = key?.range?.[1];
  if (start === undefined || end === undefined || keyEnd === undefined) return undefined;
  return { name, kind, range: span(start, end), selectionRange: span(start, keyEnd), children, ...(detail === undefined ? {} : { detail }) };
}

function containerSymbols(template: unknown, span: Span): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const field of ['initContainers', 'containers']) {
    const list = get(get(template, 'spec'), field);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const range = (item as Node | null)?.range;
      if (range === undefined || range === null) continue;
      const name = scalar(get(item, 'name')) ?? '(container)';
      out.push({ name, detail: scalar(get(item, 'image')) ?? '', kind: SymbolKind.Object, range: span(range[0], range[1]), selectionRange: span(range[0], range[1]) });
    }
  }
  return out;
}

/** Roles of a replica map (Kubeflow), tasks (Volcano), replicated jobs (JobSet), or the pod template of a Job. */
function specChildren(spec: unknown, span: Span): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (!isMap(spec)) return out;
  for (const pair of spec.items) {
    const key = scalar(pair.key) ?? '';
    if (key.endsWith('ReplicaSpecs') && isMap(pair.value)) {
      const roles = pair.value.items.flatMap((role) => {
        const replicas = scalar(get(role.value, 'replicas'));
        const s = pairSymbol(role, scalar(role.key) ?? '?', SymbolKind.Module, span, containerSymbols(get(role.value, 'template'), span), replicas === undefined ? undefined : `${replicas} replicas`);
        return s === undefined ? [] : [s];
      });
      const s = pairSymbol(pair, key, SymbolKind.Namespace, span, roles);
      if (s !== undefined) out.push(s);
    } else if (key === 'tasks' && isSeq(pair.value)) {
      const tasks = pair.value.items.flatMap((t) => {
        const range = (t as Node | null)?.range;
        if (range === undefined || range === null) return [];
        const replicas = scalar(get(t, 'replicas'));
        const children = containerSymbols(get(t, 'template'), span);
        return [{ name: scalar(get(t, 'name')) ?? '(task)', kind: SymbolKind.Module, range: span(range[0], range[1]), selectionRange: span(range[0], range[1]), children, detail: replicas === undefined ? '' : `${replicas} replicas` }];
      });
      const s = pairSymbol(pair, key, SymbolKind.Namespace, span, tasks);
      if (s !== undefined) out.push(s);
    } else if (key === 'template') {
      const s = pairSymbol(pair, key, SymbolKind.Module, span, containerSymbols(pair.value, span));
      if (s !== undefined) out.push(s);
    } else {
      const s = pairSymbol(pair, key, SymbolKind.Field, span);
      if (s !== undefined) out.push(s);
    }
  }
  return out;
}

/** The outline of a YAML file: each document (kind and name), its spec's roles, tasks and containers. */
export function yamlSymbols(text: string, lines: LineIndex): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let n = 0;
  for (const chunk of splitDocuments(text)) {
    const doc = parseDocument(chunk.text, { keepSourceTokens: false, logLevel: 'silent' });
    const root = doc.contents;
    if (!isMap(root)) continue;
    n++;
    const span: Span = (s, e) => lines.span(chunk.start + s, chunk.start + e);
    const kind = scalar(get(root, 'kind'));
    const name = scalar(get(get(root, 'metadata'), 'name')) ?? scalar(get(get(root, 'metadata'), 'generateName'));
    const children = root.items.flatMap((pair) => {
      const key = scalar(pair.key) ?? '';
      if (key === 'apiVersion' || key === 'kind') return [];
      const s = pairSymbol(pair, key, key === 'spec' ? SymbolKind.Struct : SymbolKind.Field, span, key === 'spec' ? specChildren(pair.value, span) : []);
      return s === undefined ? [] : [s];
    });
    const range = span(root.range[0], root.range[1]);
    out.push({
      name: kind === undefined ? `document ${n}` : `${kind}${name === undefined ? '' : ` ${name}`}`,
      detail: scalar(get(root, 'apiVersion')) ?? '',
      kind: SymbolKind.Class,
      range,
      selectionRange: range,
      children,
    });
  }
  return out;
}
