import type { Document } from 'yaml';
import type { RuleCode } from '../rules/catalog';

/** A path into a document's value: mapping keys and sequence indexes. */
export type ValuePath = readonly (string | number)[];

/** Where on the path's node a finding points. */
export type Target = 'key' | 'value';

/** One text edit of a quick fix, placed by path like a finding. */
export interface FixEdit {
  readonly path: ValuePath;
  /** Replace the key or the value of the path's node, or insert lines before its key, indented like it. */
  readonly at: Target | 'lineStart';
  readonly text: string;
}

/** A quick fix for a finding: a title for the editor's menu and the edits it makes. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly FixEdit[];
}

/** What a rule reports; the engine turns the path into an exact range. */
export interface Finding {
  readonly code: RuleCode;
  readonly path: ValuePath;
  readonly message: string;
  /** The key of the last path segment (default) or its value. */
  readonly target?: Target;
  /** A safe, mechanical correction, offered as a quick fix. */
  readonly fix?: Fix;
}

/** One YAML document of a file, as rules see it. */
export interface DocContext {
  /** The parsed document, with source ranges relative to the document's chunk. */
  readonly doc: Document.Parsed;
  /** The document as plain data (nulls kept; aliases and merge keys resolved). */
  readonly value: unknown;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
}

/** A check beyond the schema for one kind. Pure: document in, findings out. */
export type DocumentRule = (ctx: DocContext) => readonly Finding[];
