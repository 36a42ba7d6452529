import type { DiagnosticSeverity } from 'vscode-languageserver-types';

/** A rule the engine can report: its stable code, default severity and our explanation. */
export interface RuleInfo {
  /** Stable code, `MLW` + four digits. Never reused for another meaning. */
  readonly code: string;
  /** Short kebab-case name, shown in the README's rule list. */
  readonly name: string;
  readonly severity: DiagnosticSeverity;
  /** One line: what the rule catches. */
  readonly summary: string;
  /** Why it matters and what to do, in plain words. Shown on hover and in the README. */
  readonly explanation: string;
}
