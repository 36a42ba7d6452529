import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine } from '../engine/engine';
import { createSchemaStore, findSchemaDir } from '../engine/schemaStore';
import { rulesFor } from '../rules/registry';

/**
 * An engine over the generated schemas and the rules of each kind. The bundles (dist/*.js) find
 * the build's precompiled validators beside them, in dist/validators; from sources, the schemas
 * are compiled on first use.
 */
export function createEngine(schemaDir: string | undefined = findSchemaDir(__dirname), precompiledDir = join(__dirname, 'validators')): Engine {
  return new Engine({ schemas: createSchemaStore(schemaDir, precompiledDir), rulesFor });
}

let shared: Engine | undefined;

/**
 * Validates one file's text and returns every diagnostic, in source order. For one-shot callers
 * (the CLI, tests); the language server keeps an engine per session to reuse its caches.
 */
export function validateText(text: string): Diagnostic[] {
  shared ??= createEngine();
  const diagnostics = shared.validate('', text);
  shared.forget('');
  return sortByPosition(diagnostics);
}

export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
