import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { rule, type RuleCode } from '../rules/catalog';

/** The `source` of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'mlops';

/** A diagnostic for one of our rules, with the rule's default severity. */
export function makeDiagnostic(code: RuleCode, range: Range, message: string): Diagnostic {
  return { range, message, code, severity: rule(code).severity, source: DIAGNOSTIC_SOURCE };
}
