import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules about the file and its YAML, before any schema. */
export const yamlRules = [
  {
    code: 'MLW0001',
    name: 'yaml-syntax',
    severity: DiagnosticSeverity.Error,
    summary: 'The text is not well-formed YAML.',
    explanation:
      'kubectl, the operators and every other tool will refuse the file before reading any field. ' +
      'Fix the indentation, quoting or bracket the message points at; the other documents of the file are still checked.',
  },
  {
    code: 'MLW0002',
    name: 'yaml-duplicate-key',
    severity: DiagnosticSeverity.Error,
    summary: 'A mapping holds the same key twice.',
    explanation:
      'kubectl rejects a manifest with a repeated key ("mapping key already defined"), and tools that do accept it silently keep only one of the values. Keep one of the two entries.',
  },
  {
    code: 'MLW0003',
    name: 'yaml-warning',
    severity: DiagnosticSeverity.Warning,
    summary: 'The YAML parses, but with a construct other tools may read differently.',
    explanation:
      'Examples are unknown tags or a YAML 1.1-only form. The file loads, but another parser may not give the same values; prefer the plain form the message suggests.',
  },
  {
    code: 'MLW0010',
    name: 'file-unreadable',
    severity: DiagnosticSeverity.Error,
    summary: 'The file could not be read.',
    explanation:
      'The path exists but reading it failed (a broken symbolic link, missing permission, or not a regular file). Fix the path or the permission, or exclude it from the paths given to `mlops lint`.',
  },
  {
    code: 'MLW0011',
    name: 'file-not-text',
    severity: DiagnosticSeverity.Error,
    summary: 'The file is binary, not YAML text.',
    explanation:
      'A NUL byte or invalid UTF-8 was found, so the file cannot be a manifest. It is often a build output or an archive with a .yaml name: rename or exclude it.',
  },
  {
    code: 'MLW0012',
    name: 'file-too-large',
    severity: DiagnosticSeverity.Error,
    summary: 'The file is too large to validate.',
    explanation:
      'Files above the size limit are not parsed, so that a stray data dump cannot stall the editor or CI. Manifests are far smaller; split the file if it really is one.',
  },
  {
    code: 'MLW0004',
    name: 'yaml-alias-limit',
    severity: DiagnosticSeverity.Error,
    summary: 'The document expands too many aliases.',
    explanation:
      'Aliases (`*name`) that refer to aliases can multiply a small file into gigabytes (a "billion laughs" file). The document is not validated past this point; expand the repeated parts by hand or use fewer nested aliases.',
  },
  {
    code: 'MLW0005',
    name: 'yaml-portability',
    severity: DiagnosticSeverity.Warning,
    summary: 'Go YAML parsers (kubectl, the operators) accept this, stricter YAML 1.2 parsers do not.',
    explanation:
      'The Go parsers that kubectl and the controllers use read this text, so the manifest works on the cluster, but Python, JavaScript and other YAML 1.2 tools reject it. The usual case is a quoted string in a flow list whose continuation lines are indented less than the list. Indent the continuation lines, or use a block list.',
  },
] as const satisfies readonly RuleInfo[];
