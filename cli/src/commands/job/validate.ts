import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createEngine, validateFile } from '../../../../server/src/services/validate';
import { formatText, toCliDiagnostic } from '../../format';
import { readSource } from '../../readSource';

/** The errors `mlops lint` would report in a manifest, one line each: a manifest with any is not submitted without --force. */
export function manifestErrors(file: string): Promise<readonly string[]> {
  const source = readSource(file);
  if (source.kind !== 'text') return Promise.resolve([`${file}: ${source.kind === 'unreadable' ? 'cannot be read' : source.kind}: ${source.reason}`]);
  const diagnostics = validateFile(file, source.text, createEngine());
  return Promise.resolve(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => formatText(toCliDiagnostic(file, d))));
}
