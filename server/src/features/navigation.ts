import { isScalar, parseDocument } from 'yaml';
import { CompletionItemKind, type CompletionItem, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { splitDocuments } from '../engine/chunks';
import { classify } from '../engine/classify';
import { locate, locateInString, nodeAt } from '../engine/locate';
import type { ValuePath } from '../engine/types';
import { LineIndex } from '../services/lineIndex';

/**
 * A name that is defined in one place and used in others: an Argo template, task or parameter,
 * a Katib trial parameter, a DVC parameter. Providers list the occurrences in a document;
 * navigation (definition, references, rename) joins them across the workspace by `symbol`.
 */
export interface Occurrence {
  /** Identity across files: the same string for a definition and its uses. */
  readonly symbol: string;
  /** The text that a rename replaces (the name itself). */
  readonly name: string;
  readonly role: 'def' | 'ref';
  readonly path: ValuePath;
  /** Where on the path: the key, the value, or a part of a string value. */
  readonly at: 'key' | 'value' | { readonly index: number; readonly length: number };
}

/** Where a document sits, for providers that scope names to it. */
export interface DocumentPlace {
  readonly file: string;
  /** The document's index in its file. */
  readonly index: number;
  readonly kindKey: string;
}

export type OccurrenceProvider = (value: unknown, place: DocumentPlace) => readonly Occurrence[];

/** The workspace's files, as navigation needs them. */
export interface NavigationFiles {
  /** Every indexed file (URIs). */
  files(): readonly string[];
  /** A file's text: the open document's, else the disk's. */
  textOf(file: string): string | undefined;
}

interface Placed extends Occurrence {
  readonly file: string;
  readonly range: Range;
}

interface Spanned {
  readonly o: Occurrence;
  readonly start: number;
  readonly end: number;
}

/** Occurrences per document, by file, position in the file and text: an edit recomputes one document. */
const chunkCache = new Map<string, readonly Spanned[]>();
const MAX_CACHED_CHUNKS = 50_000;

function chunkOccurrences(file: string, index: number, text: string, providers: readonly OccurrenceProvider[]): readonly Spanned[] {
  const key = `${file}\u0000${String(index)}\u0000${text}`;
  const hit = chunkCache.get(key);
  if (hit !== undefined) return hit;
  const out: Spanned[] = [];
  const doc = parseDocument(text, { logLevel: 'silent', uniqueKeys: false, merge: true });
  let value: unknown;
  try {
    value = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
  } catch {
    value = undefined;
  }
  const kindKey = value === undefined ? undefined : classify(file, value);
  if (kindKey !== undefined) {
    for (const provide of providers) {
      for (const o of provide(value, { file, index, kindKey })) {
        if (typeof o.at !== 'object' && o.at === 'value' && !isScalar(nodeAt(doc, o.path))) continue;
        const [start, end] = typeof o.at === 'object' ? locateInString(doc, text, o.path, o.at.index, o.at.length) : locate(doc, o.path, o.at);
        out.push({ o, start, end });
      }
    }
  }
  if (chunkCache.size >= MAX_CACHED_CHUNKS) chunkCache.clear();
  chunkCache.set(key, out);
  return out;
}

/** Every occurrence in a file's text, with its range. Documents already seen come from the cache. */
export function occurrencesIn(file: string, text: string, providers: readonly OccurrenceProvider[]): readonly Placed[] {
  const lines = new LineIndex(text);
  const placed: Placed[] = [];
  splitDocuments(text).forEach((chunk, index) => {
    for (const { o, start, end } of chunkOccurrences(file, index, chunk.text, providers)) {
      placed.push({ ...o, file, range: lines.span(chunk.start + start, chunk.start + end) });
    }
  });
  return placed;
}

function inside(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export class Navigation {
  constructor(
    private readonly providers: readonly OccurrenceProvider[],
    private readonly workspace: NavigationFiles | undefined,
  ) {}

  private at(uri: string, text: string, position: Position): Placed | undefined {
    return occurrencesIn(uri, text, this.providers).find((o) => inside(o.range, position));
  }

  /** Every occurrence of a symbol: in the current text, and in the other files that mention its name. */
  private all(uri: string, text: string, symbol: string, name: string): Placed[] {
    const out = [...occurrencesIn(uri, text, this.providers).filter((o) => o.symbol === symbol)];
    for (const file of this.workspace?.files() ?? []) {
      if (file === uri) continue;
      const other = this.workspace?.textOf(file);
      if (other === undefined || !other.includes(name)) continue;
      out.push(...occurrencesIn(file, other, this.providers).filter((o) => o.symbol === symbol));
    }
    return out;
  }

  /**
   * Names where a reference is expected (a `template:` value, a `depends` task, `{{inputs.parameters.`):
   * the definitions whose symbol the reference at the cursor would have. A placeholder letter at
   * the cursor makes even an empty name a reference that the providers report.
   */
  complete(uri: string, text: string, position: Position): CompletionItem[] {
    const lines = new LineIndex(text);
    const offset = lines.offsetAt(position);
    // Only the cursor's document is probed; a letter typed there cannot move a document boundary.
    const chunks = splitDocuments(text);
    const index = Math.max(0, chunks.findIndex((c) => offset < c.start + c.text.length || c === chunks[chunks.length - 1]));
    const chunk = chunks[index];
    if (chunk === undefined) return [];
    const local = offset - chunk.start;
    const probe = `${chunk.text.slice(0, local)}x${chunk.text.slice(local)}`;
    const ref = chunkOccurrences(uri, index, probe, this.providers).find(({ o, start, end }) => o.role === 'ref' && start <= local && local < end);
    if (ref === undefined) return [];
    const prefix = ref.o.symbol.slice(0, ref.o.symbol.length - ref.o.name.length);
    const isDef = (o: Occurrence): boolean => o.role === 'def' && o.symbol.startsWith(prefix) && !o.symbol.slice(prefix.length).includes(':');
    const defs = new Map<string, string>();
    // A name scoped to its document (`:doc:` in the symbol) is defined in that document only.
    const sources = prefix.includes(':doc:') ? [{ file: uri, chunks: [{ index, text: chunk.text }] }] : this.completionSources(uri, chunks);
    for (const source of sources) {
      for (const c of source.chunks) {
        for (const { o } of chunkOccurrences(source.file, c.index, c.text, this.providers)) if (isDef(o) && !defs.has(o.name)) defs.set(o.name, source.file);
      }
    }
    const range = lines.span(chunk.start + ref.start, offset);
    return [...defs].map(([name, file]) => ({ label: name, kind: CompletionItemKind.Reference, detail: file === uri ? 'defined in this file' : `defined in ${file.slice(file.lastIndexOf('/') + 1)}`, textEdit: { range, newText: name } }));
  }

  /** The documents whose definitions a completion offers: this file's, then the other files'. */
  private completionSources(uri: string, chunks: readonly { readonly text: string }[]): { file: string; chunks: { index: number; text: string }[] }[] {
    const sources = [{ file: uri, chunks: chunks.map((c, index) => ({ index, text: c.text })) }];
    for (const file of this.workspace?.files() ?? []) {
      if (file === uri) continue;
      const other = this.workspace?.textOf(file);
      if (other !== undefined) sources.push({ file, chunks: splitDocuments(other).map((c, index) => ({ index, text: c.text })) });
    }
    return sources;
  }

  definition(uri: string, text: string, position: Position): Location[] {
    const here = this.at(uri, text, position);
    if (here === undefined) return [];
    return this.all(uri, text, here.symbol, here.name).filter((o) => o.role === 'def').map((o) => ({ uri: o.file, range: o.range }));
  }

  references(uri: string, text: string, position: Position, includeDeclaration: boolean): Location[] {
    const here = this.at(uri, text, position);
    if (here === undefined) return [];
    return this.all(uri, text, here.symbol, here.name)
      .filter((o) => includeDeclaration || o.role === 'ref')
      .map((o) => ({ uri: o.file, range: o.range }));
  }

  prepareRename(uri: string, text: string, position: Position): { range: Range; placeholder: string } | null {
    const here = this.at(uri, text, position);
    return here === undefined ? null : { range: here.range, placeholder: here.name };
  }

  rename(uri: string, text: string, position: Position, newName: string): WorkspaceEdit | null {
    const here = this.at(uri, text, position);
    if (here === undefined) return null;
    const changes: Record<string, TextEdit[]> = {};
    const seen = new Set<string>();
    for (const o of this.all(uri, text, here.symbol, here.name)) {
      const key = `${o.file} ${JSON.stringify(o.range)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (changes[o.file] ??= []).push({ range: o.range, newText: newName });
    }
    return { changes };
  }
}
