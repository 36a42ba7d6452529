import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules the generated schemas enforce, for every kind we know. */
export const schemaRules = [
  {
    code: 'MLW1001',
    name: 'schema-type',
    severity: DiagnosticSeverity.Error,
    summary: 'A value has the wrong type for its field.',
    explanation:
      'The API server refuses the manifest when a field holds, say, a string where the API defines an integer or a list. Some fields take either (ports, quantities, minAvailable); those accept both.',
  },
  {
    code: 'MLW1002',
    name: 'unknown-field',
    severity: DiagnosticSeverity.Error,
    summary: 'A field that this object does not have.',
    explanation:
      'kubectl validates fields strictly by default and rejects unknown ones; with validation off, the field is silently dropped and the setting you meant never applies. Usually a typo or a field at the wrong indentation: the message names the closest known field.',
  },
  {
    code: 'MLW1003',
    name: 'missing-required',
    severity: DiagnosticSeverity.Error,
    summary: 'A required field is missing.',
    explanation: 'The API server rejects an object without its required fields. Add the field the message names to the object it points at.',
  },
  {
    code: 'MLW1004',
    name: 'enum-value',
    severity: DiagnosticSeverity.Error,
    summary: 'A value outside the set this field allows.',
    explanation: 'The field takes one of a fixed set of values (a restart policy, a clean-up policy...), and values are case-sensitive. The message lists them and names the closest.',
  },
  {
    code: 'MLW1005',
    name: 'null-dropped',
    severity: DiagnosticSeverity.Hint,
    summary: 'A field is null; the API server drops it.',
    explanation: 'A key with no value (`key:` or `key: null`) is removed by the API server, as if it were not written. Harmless, but often a sign that a value was forgotten.',
  },
  {
    code: 'MLW1006',
    name: 'schema-constraint',
    severity: DiagnosticSeverity.Error,
    summary: 'A value breaks a limit of its field (minimum, maximum, pattern, length).',
    explanation: 'The API declares a limit on this field (a replica count at least 0, a name pattern...), and the server rejects values outside it.',
  },
] as const satisfies readonly RuleInfo[];
