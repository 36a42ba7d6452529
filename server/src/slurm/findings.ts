import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleCode } from '../rules/catalog';
import type { Span } from './tokens';

/** A finding at offsets of the script, before it becomes a Diagnostic. */
export interface Finding {
  readonly code: RuleCode;
  readonly span: Span;
  readonly message: string;
  /** Only where it differs from the rule's default severity. */
  readonly severity?: DiagnosticSeverity;
  /** A quick fix that replaces the finding's span. */
  readonly fix?: { readonly title: string; readonly text: string };
}

export function finding(code: RuleCode, span: Span, message: string, severity?: DiagnosticSeverity): Finding {
  return severity === undefined ? { code, span, message } : { code, span, message, severity };
}
