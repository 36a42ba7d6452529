import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules about the schema a document names itself (modeline) or that the settings give it. */
export const associationRules = [
  {
    code: 'MLW0103',
    name: 'schema-unavailable',
    severity: DiagnosticSeverity.Warning,
    summary: 'The schema that a modeline or the mlops.schemas setting names cannot be used.',
    explanation:
      'The file does not exist, is not JSON or YAML, or the URL cannot be fetched. A URL that worked before is still applied from its cached copy, and the message says from when. Fix the path or URL, or remove the modeline to let the document be checked by its kind.',
  },
] as const satisfies readonly RuleInfo[];
