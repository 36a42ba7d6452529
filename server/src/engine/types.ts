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
  /** Only a part of the string value at `path` (`{{inputs.parameters.x}}` inside a command): index and length in the parsed string. */
  readonly part?: { readonly index: number; readonly length: number };
}

/** One document of another file of the workspace. */
export interface WorkspaceDocument {
  /** The file (path or URI, as the engine's keys are). */
  readonly file: string;
  readonly kindKey: string;
  /** The document as plain data. */
  readonly value: unknown;
}

/**
 * What rules may read beyond their own file: the other documents of the workspace (Argo
 * WorkflowTemplates for templateRef, params.yaml for DVC). Absent when the engine runs on a lone
 * text; rules must then not report what they cannot check.
 */
export interface WorkspaceView {
  /** The documents of this kind key in the workspace's files, the current file's included. */
  documentsOfKind(kindKey: string): readonly WorkspaceDocument[];
  /** The text of a file named relative to the folder of `fileName`, or undefined if there is none. */
  readRelative(fileName: string, relative: string): string | undefined;
}

/** One YAML document of a file, as rules see it. */
export interface DocContext {
  /** The parsed document, with source ranges relative to the document's chunk. */
  readonly doc: Document.Parsed;
  /** The document as plain data (nulls kept; aliases and merge keys resolved). */
  readonly value: unknown;
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
  /** What the document is: `apiVersion/Kind`, or a kind known by content or file name (`dvc.yaml`). */
  readonly kindKey: string;
  /** The file the document is in (a path or URI; the engine's key). */
  readonly fileName: string;
  /** The rest of the workspace, when the engine has one. */
  readonly workspace?: WorkspaceView;
}

/** A check beyond the schema for one kind. Pure: document in, findings out. */
export type DocumentRule = (ctx: DocContext) => readonly Finding[];
