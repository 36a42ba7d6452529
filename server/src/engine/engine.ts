import { parseDocument, type Document } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from '../services/lineIndex';
import { makeDiagnostic } from '../services/diagnostics';
import { documentSyntaxIssues, type RawFix, type RawIssue } from '../services/yamlSyntax';
import { splitDocuments } from './chunks';
import { classify } from './classify';
import { recoverUnderIndented } from './goYamlRecovery';
import { nodePlacement, spanPlacement, type Placement } from './placement';
import { readPlainYaml, readPlainYamlSpans } from './plainYaml';
import { schemaFindings } from './schemaFindings';
import type { ExternalSchema } from './externalSchemas';
import type { KindSchema, SchemaStore } from './schemaStore';
import type { DiagnosticData } from '../../../protocol';
import type { DocContext, DocumentRule, Finding, Fix, WorkspaceView } from './types';

/** Texts above this are reported, not parsed: a guard against data dumps. */
export const MAX_TEXT_LENGTH = 8 * 1024 * 1024;
/** Alias expansions allowed per document before we stop (billion-laughs guard). */
const MAX_ALIAS_COUNT = 1000;
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'error' } as const;

export interface EngineDeps {
  readonly schemas: SchemaStore;
  readonly rulesFor: (kindKey: string) => readonly DocumentRule[];
  /** The other files of the workspace, for rules that resolve references across files. */
  readonly workspace?: WorkspaceView;
  /** Told of each document the engine parsed (its kind key, if any, and value): the workspace index reuses them. */
  readonly onDocument?: (fileName: string, chunkText: string, kindKey: string | undefined, value: unknown) => void;
  /** The schema a document names by modeline or that the settings give its file, before its kind decides. */
  readonly association?: (fileName: string, chunkText: string) => ExternalSchema | undefined;
  /** false: every document through `yaml` (plainYaml.ts's reader is on by default; tests compare both ways). */
  readonly fastReader?: boolean;
}

/**
 * Validates texts document by document. Results are cached per document text and per key (a
 * URI), so an edit in a large multi-document file re-parses and re-validates only the documents
 * it changed. The cache of a key holds only its current documents; `forget` drops it.
 */
export class Engine {
  private readonly cache = new Map<string, Map<string, readonly RawIssue[]>>();
  /** Results that read other files (through the workspace view): the ones a workspace change can alter. */
  private readonly crossFile = new WeakSet<readonly RawIssue[]>();
  private readingWorkspace = false;
  private readonly view: WorkspaceView | undefined;

  constructor(private readonly deps: EngineDeps) {
    const ws = deps.workspace;
    this.view = ws === undefined ? undefined : {
      documentsOfKind: (kindKey) => {
        this.readingWorkspace = true;
        return ws.documentsOfKind(kindKey);
      },
      readRelative: (fileName, relative) => {
        this.readingWorkspace = true;
        return ws.readRelative(fileName, relative);
      },
    };
  }

  /**
   * Drops the cached results that read other files, in every key: after a change of what files
   * show each other (a WorkflowTemplate renamed, a params.yaml edited). Other results stay.
   */
  forgetCrossFile(): void {
    for (const perKey of this.cache.values()) {
      for (const [text, issues] of perKey) if (this.crossFile.has(issues)) perKey.delete(text);
    }
  }

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
      const issues = current.get(chunk.text) ?? previous?.get(chunk.text) ?? this.checkTracked(chunk.text, key);
      current.set(chunk.text, issues);
      for (const i of issues) {
        const d = makeDiagnostic(i.code, lines.rangeOf(chunk.start + i.start, chunk.start + i.end), i.message);
        if (i.fix !== undefined) d.data = fixData(i.fix, chunk.start, lines);
        out.push(d);
      }
    }
    this.cache.set(key, current);
    return out;
  }

  /** The schema of a kind key, for completion and hover. */
  schemaFor(kindKey: string): KindSchema | undefined {
    return this.deps.schemas.schemaFor(kindKey);
  }

  /** The built-in schema whose file has exactly this text (a modeline that names one of our files). */
  schemaForText(text: string): KindSchema | undefined {
    return this.deps.schemas.byText?.(text);
  }

  /** Every `apiVersion/kind` with a schema. */
  knownKinds(): readonly string[] {
    return this.deps.schemas.kinds();
  }

  forget(key: string): void {
    this.cache.delete(key);
  }

  /** Checks a document, noting whether its result read other files. */
  private checkTracked(text: string, name: string): readonly RawIssue[] {
    this.readingWorkspace = false;
    const issues = this.checkDocument(text, name);
    if (this.readWorkspace()) this.crossFile.add(issues);
    return issues;
  }

  /** Whether the last check read the workspace view (the view's calls set it). */
  private readWorkspace(): boolean {
    return this.readingWorkspace;
  }

  private checkDocument(text: string, name: string): readonly RawIssue[] {
    // Most documents are plain block YAML, which the fast reader turns into the value directly;
    // `yaml`'s nodes are then built only if a finding needs placing (or a rule asks for them).
    const plain = this.deps.fastReader === false ? undefined : readPlainYaml(text);
    if (plain !== undefined) {
      let parsed: Document.Parsed | undefined;
      const lazy = (): Document.Parsed => (parsed ??= parseDocument(text, PARSE_OPTIONS));
      const placement = spanPlacement(() => readPlainYamlSpans(text), lazy, plain.value, text);
      return this.checkValue(plain.value, lazy, placement, [], { text, name }, (o) => o, true);
    }
    const doc = parseDocument(text, PARSE_OPTIONS);
    if (doc.errors.length === 0) return this.checkParsed(doc, documentSyntaxIssues(doc), { text, name }, (o) => o);
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
        return this.checkParsed(repaired, warnings, { text: recovery.text, name }, recovery.mapOffset, false);
      }
    }
    return documentSyntaxIssues(doc);
  }

  /** Schema and rules on a document that parsed; `map` turns its offsets into the chunk's. */
  private checkParsed(doc: Document.Parsed, issues: RawIssue[], source: { text: string; name: string }, map: (offset: number) => number, fixable = true): readonly RawIssue[] {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return [...issues, { code: 'MLW0004', start: 0, end: Math.min(source.text.length, 1), message: `Not validated: ${message}` }];
    }
    return this.checkValue(value, () => doc, nodePlacement(() => doc, source.text), issues, source, map, fixable);
  }

  /** Schema and rules on a document's value; `docOf` gives its nodes, asked for only when needed. */
  private checkValue(value: unknown, docOf: () => Document.Parsed, placement: Placement, issues: RawIssue[], source: { text: string; name: string }, map: (offset: number) => number, fixable: boolean): readonly RawIssue[] {
    const { text, name } = source;
    const chosen = this.deps.association?.(name, text);
    if (chosen?.problem !== undefined) issues.push({ code: 'MLW0103', start: 0, end: Math.min(text.length, 1), message: chosen.problem });
    const ctx = contextOf(docOf, value, name, this.view);
    if (fixable) this.deps.onDocument?.(name, text, ctx?.kindKey, value);
    const findings = this.schemaCheck(value, ctx, chosen?.schema);
    if (ctx !== undefined) for (const rule of this.deps.rulesFor(ctx.kindKey)) findings.push(...rule(ctx));
    if (findings.length === 0) return issues;
    return this.place(placement, issues, withoutSuperseded(findings), source, map, fixable);
  }

  /** Schema findings: a schema named by modeline or settings wins over the one of the document's kind. */
  private schemaCheck(value: unknown, ctx: DocContext | undefined, chosen: KindSchema | undefined): Finding[] {
    const schema = chosen ?? (ctx === undefined ? undefined : this.deps.schemas.schemaFor(ctx.kindKey));
    if (schema === undefined || schema.validate(value)) return [];
    const kubernetes = ctx?.apiVersion !== undefined && ctx.kind !== undefined;
    return schemaFindings(schema.validate.errors ?? [], value, schema.schema, kubernetes);
  }

  /** The findings as issues at offsets of the chunk. */
  private place(placement: Placement, issues: RawIssue[], findings: readonly Finding[], source: { text: string }, map: (offset: number) => number, fixable: boolean): readonly RawIssue[] {
    const { text } = source;
    for (const f of findings) {
      const [start, end] = f.part === undefined ? placement.at(f.path, f.target) : placement.inString(f.path, f.part.index, f.part.length);
      const fix = fixable && f.fix !== undefined ? placeFix(placement, text, f.fix) : undefined;
      issues.push({ code: f.code, start: map(start), end: map(end), message: f.message, ...(fix === undefined ? {} : { fix }) });
    }
    return issues;
  }
}

/**
 * A rule that explains a field (MLW0102: removed in this version, use X) supersedes the schema's
 * generic "unknown field" on the same key: one finding per mistake.
 */
function withoutSuperseded(findings: readonly Finding[]): Finding[] {
  const explained = new Set(findings.filter((f) => f.code === 'MLW0102').map((f) => JSON.stringify(f.path)));
  return findings.filter((f) => f.code !== 'MLW1002' || !explained.has(JSON.stringify(f.path)));
}

/** The edits of a fix as offsets in the chunk's text. */
function placeFix(placement: Placement, text: string, fix: Fix): RawFix {
  const edits = fix.edits.map((e) => {
    if (e.at === 'lineStart') {
      // Inserted lines take the indentation of the key they go before.
      const [keyStart] = placement.at(e.path, 'key');
      const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
      const indent = ' '.repeat(keyStart - lineStart);
      const lines = e.text.split('\n');
      const indented = lines.map((l, i) => (l === '' && i === lines.length - 1 ? l : indent + l)).join('\n');
      return { start: keyStart, end: keyStart, text: indented.slice(indent.length) + indent };
    }
    const [start, end] = placement.at(e.path, e.at);
    return { start, end, text: e.text };
  });
  return { title: fix.title, edits };
}

function fixData(fix: RawFix, base: number, lines: LineIndex): DiagnosticData {
  return { fix: { title: fix.title, edits: fix.edits.map((e) => ({ range: lines.span(base + e.start, base + e.end), newText: e.text })) } };
}

/** The rules' view of a document, or undefined when we cannot tell what it is. Its `doc` is built on first use. */
function contextOf(docOf: () => Document.Parsed, value: unknown, fileName: string, workspace: WorkspaceView | undefined): DocContext | undefined {
  const kindKey = classify(fileName, value);
  if (kindKey === undefined) return undefined;
  const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    get doc() {
      return docOf();
    },
    value,
    apiVersion: str(obj['apiVersion']),
    kind: str(obj['kind']),
    kindKey,
    fileName,
    ...(workspace === undefined ? {} : { workspace }),
  };
}
