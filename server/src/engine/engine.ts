import { parseDocument, type Document } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../services/lineIndex';
import { makeDiagnostic } from '../services/diagnostics';
import { documentSyntaxIssues, type RawIssue } from '../services/yamlSyntax';
import { splitDocuments } from './chunks';
import { recoverUnderIndented } from './goYamlRecovery';
import { locate } from './locate';
import { schemaFindings } from './schemaFindings';
import type { SchemaStore } from './schemaStore';
import type { DocContext, DocumentRule, Finding } from './types';

/** Texts above this are reported, not parsed: a guard against data dumps. */
export const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
/** Alias expansions allowed per document before we stop (billion-laughs guard). */
const MAX_ALIAS_COUNT = 1000;
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'error' } as const;

export interface EngineDeps {
  readonly schemas: SchemaStore;
  readonly rulesFor: (apiVersion: string, kind: string) => readonly DocumentRule[];
}

/**
 * Validates texts document by document. Results are cached per document text and per key (a
 * URI), so an edit in a large multi-document file re-parses and re-validates only the documents
 * it changed. The cache of a key holds only its current documents; `forget` drops it.
 */
export class Engine {
  private readonly cache = new Map<string, Map<string, readonly RawIssue[]>>();

  constructor(private readonly deps: EngineDeps) {}

  validate(key: string, text: string): Diagnostic[] {
    if (text.length > MAX_TEXT_LENGTH) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return [makeDiagnostic('MLW0012', range, `file too large to validate: ${text.length} characters, above the limit of ${MAX_TEXT_LENGTH}`)];
    }
    const previous = this.cache.get(key);
    const current = new Map<string, readonly RawIssue[]>();
    const lines = new LineIndex(text);
    const out: Diagnostic[] = [];
    for (const chunk of splitDocuments(text)) {
      const issues = current.get(chunk.text) ?? previous?.get(chunk.text) ?? this.checkDocument(chunk.text);
      current.set(chunk.text, issues);
      for (const i of issues) out.push(makeDiagnostic(i.code, lines.rangeOf(chunk.start + i.start, chunk.start + i.end), i.message));
    }
    this.cache.set(key, current);
    return out;
  }

  forget(key: string): void {
    this.cache.delete(key);
  }

  private checkDocument(text: string): readonly RawIssue[] {
    const doc = parseDocument(text, PARSE_OPTIONS);
    if (doc.errors.length === 0) return this.checkParsed(doc, documentSyntaxIssues(doc), text.length, (o) => o);
    // What Go's YAML parser accepts must not be an error: try the repair, keep it only if it parses.
    const recovery = recoverUnderIndented(text);
    if (recovery !== undefined) {
      const repaired = parseDocument(recovery.text, PARSE_OPTIONS);
      if (repaired.errors.length === 0) {
        const warnings: RawIssue[] = recovery.openers.map((at) => ({
          code: 'MLW0005',
          start: at,
          end: at + 1,
          message: 'Continuation lines of this value are indented no deeper than its key: kubectl accepts this, but YAML 1.2 tools (Python, JavaScript, most editors) reject it. Indent them further.',
        }));
        return this.checkParsed(repaired, warnings, text.length, recovery.mapOffset);
      }
    }
    return documentSyntaxIssues(doc);
  }

  /** Schema and rules on a document that parsed; `map` turns its offsets into the chunk's. */
  private checkParsed(doc: Document.Parsed, issues: RawIssue[], length: number, map: (offset: number) => number): readonly RawIssue[] {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return [...issues, { code: 'MLW0004', start: 0, end: Math.min(length, 1), message: `Not validated: ${message}` }];
    }
    const ctx = contextOf(doc, value);
    if (ctx.apiVersion === undefined || ctx.kind === undefined) return issues;
    const findings: Finding[] = [];
    const known = this.deps.schemas.schemaFor(ctx.apiVersion, ctx.kind);
    if (known !== undefined && !known.validate(value)) findings.push(...schemaFindings(known.validate.errors ?? [], value, known.schema));
    for (const rule of this.deps.rulesFor(ctx.apiVersion, ctx.kind)) findings.push(...rule(ctx));
    for (const f of findings) {
      const [start, end] = locate(doc, f.path, f.target);
      issues.push({ code: f.code, start: map(start), end: map(end), message: f.message });
    }
    return issues;
  }
}

function contextOf(doc: Document.Parsed, value: unknown): DocContext {
  const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return { doc, value, apiVersion: str(obj['apiVersion']), kind: str(obj['kind']) };
}
