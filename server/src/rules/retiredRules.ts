import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules on APIs that are no longer served, for every kind: retired apiVersions and removed fields. */
export const retiredRules = [
  {
    code: 'MLW0101',
    name: 'retired-api-version',
    severity: DiagnosticSeverity.Warning,
    summary: 'An apiVersion that Kubernetes or its project no longer serves.',
    explanation:
      'A current cluster or operator does not know this group and version: kubectl fails with "no matches for kind", or nothing ever acts on the object. The message names the apiVersion (and kind) that replaced it and what changes on the move. Such a document is not checked against a schema, since the schemas describe the served versions.',
  },
  {
    code: 'MLW0102',
    name: 'removed-field',
    severity: DiagnosticSeverity.Warning,
    summary: 'A field that the served version of this kind has removed.',
    explanation:
      'Current releases drop the field, or reject the object where fields are checked strictly, so what it configured no longer happens. The message says what replaced it.',
  },
] as const satisfies readonly RuleInfo[];
