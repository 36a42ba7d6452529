import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../../protocol';

function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const data: unknown = d.data;
  // `data` is whatever the client echoed back: only an object can be ours.
  return typeof data === 'object' && data !== null ? (data as DiagnosticData) : undefined; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- object to DiagnosticData
}

/** Quick fixes for our diagnostics in the request: the fix each carries from validation. */
export function codeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'mlops') continue;
    const fix = dataOf(d)?.fix;
    if (fix === undefined || fix.edits.length === 0) continue;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
    });
  }
  return out;
}
