import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { CliDiagnostic, CliSeverity } from '../../protocol';

const SEVERITY_WORDS: Record<DiagnosticSeverity, CliSeverity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** An LSP diagnostic (0-based) as the CLI reports it (1-based, end exclusive). */
export function toCliDiagnostic(file: string, d: Diagnostic): CliDiagnostic {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_WORDS[d.severity ?? DiagnosticSeverity.Error],
    code: typeof d.code === 'string' ? d.code : String(d.code ?? ''),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  };
}

/** `file:line:col severity code message`, one line per finding. */
export function formatText(d: CliDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** The text report's last line, such as `2 errors, 1 warning in 3 files`. */
export function formatSummary(all: readonly CliDiagnostic[], fileCount: number): string {
  const count = (s: CliSeverity): number => all.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}`;
}
