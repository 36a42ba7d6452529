import type { Diagnostic } from 'vscode-languageserver-types';
import { parseYaml, yamlSyntaxDiagnostics } from './yamlSyntax';

/**
 * Validates one document's text and returns every diagnostic, in source order.
 * Pure: the language server and the CLI both call it.
 */
export function validateText(text: string): Diagnostic[] {
  const parsed = parseYaml(text);
  return sortByPosition(yamlSyntaxDiagnostics(parsed));
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
