import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { LineIndex } from '../services/lineIndex';
import { codeActions } from './codeActions';
import { completeYaml, type CompletionSource } from './completion';
import { hoverYaml, ruleHover } from './hover';
import { batchScriptLenses, manifestLenses } from './launchLens';
import { Navigation, type NavigationFiles, type OccurrenceProvider } from './navigation';
import { yamlSymbols } from './symbols';

/** The editor features, as pure functions of a document's text (the server's handlers call them). */
export interface LanguageFeatures {
  completion(uri: string, text: string, position: Position): CompletionItem[];
  hover(uri: string, text: string, position: Position, diagnostics: readonly Diagnostic[]): Hover | null;
  symbols(uri: string, text: string): DocumentSymbol[];
  codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[];
  definition(uri: string, text: string, position: Position): Location[];
  references(uri: string, text: string, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(uri: string, text: string, position: Position): { range: Range; placeholder: string } | null;
  rename(uri: string, text: string, position: Position, newName: string): WorkspaceEdit | null;
  /** "Launch" lenses above job manifests and batch scripts. */
  codeLenses(uri: string, text: string): CodeLens[];
}

/** A file the YAML features do not serve (batch scripts have their own). */
export interface OtherFileFeatures {
  readonly matches: (uri: string, text: string) => boolean;
  readonly completion?: (text: string, offset: number, lines: LineIndex) => CompletionItem[];
  readonly hover?: (text: string, offset: number, lines: LineIndex) => string | undefined;
  readonly symbols?: (text: string, lines: LineIndex) => DocumentSymbol[];
}

export interface FeatureOptions {
  /** Extra completion sources inside YAML (NCCL variables in container env...). */
  readonly yamlCompletions?: readonly CompletionSource[];
  /** Features of other file types, tried in order before YAML. */
  readonly others?: readonly OtherFileFeatures[];
  /** Names defined in one place and used in others, for definition, references and rename. */
  readonly occurrences?: readonly OccurrenceProvider[];
  /** The workspace's files, for navigation across them. */
  readonly files?: NavigationFiles;
}

export function createFeatures(engine: Engine, options: FeatureOptions = {}): LanguageFeatures {
  const other = (uri: string, text: string): OtherFileFeatures | undefined => options.others?.find((o) => o.matches(uri, text));
  const navigation = new Navigation(options.occurrences ?? [], options.files);
  return {
    completion(uri, text, position) {
      const lines = new LineIndex(text);
      const o = other(uri, text);
      if (o !== undefined) return o.completion?.(text, lines.offsetAt(position), lines) ?? [];
      const names = navigation.complete(uri, text, position);
      return [...names, ...completeYaml(engine, text, lines.offsetAt(position), lines, options.yamlCompletions)];
    },
    hover(uri, text, position, diagnostics) {
      const lines = new LineIndex(text);
      const o = other(uri, text);
      if (o === undefined) return hoverYaml(engine, text, lines, position, diagnostics);
      const parts = [...ruleHover(diagnostics, position)];
      const own = o.hover?.(text, lines.offsetAt(position), lines);
      if (own !== undefined) parts.push(own);
      return parts.length === 0 ? null : { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
    },
    symbols(uri, text) {
      const lines = new LineIndex(text);
      const o = other(uri, text);
      return o === undefined ? yamlSymbols(text, lines) : (o.symbols?.(text, lines) ?? []);
    },
    codeActions: (uri, diagnostics) => codeActions(uri, diagnostics),
    definition: (uri, text, position) => navigation.definition(uri, text, position),
    references: (uri, text, position, includeDeclaration) => navigation.references(uri, text, position, includeDeclaration),
    prepareRename: (uri, text, position) => navigation.prepareRename(uri, text, position),
    rename: (uri, text, position, newName) => navigation.rename(uri, text, position, newName),
    codeLenses(uri, text) {
      if (!uri.startsWith('file:')) return [];
      return other(uri, text) === undefined ? manifestLenses(uri, text) : batchScriptLenses(uri, text);
    },
  };
}
