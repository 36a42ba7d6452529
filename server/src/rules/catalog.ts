import { DiagnosticSeverity } from 'vscode-languageserver-types';

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

const rules = [
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
] as const satisfies readonly RuleInfo[];

/** A code the catalog knows. */
export type RuleCode = (typeof rules)[number]['code'];

const byCode = new Map<string, RuleInfo>(rules.map((r) => [r.code, r]));

/** Every rule, in code order. */
export function allRules(): readonly RuleInfo[] {
  return rules;
}

/** The rule with this code. The code type guarantees it exists. */
export function rule(code: RuleCode): RuleInfo {
  const found = byCode.get(code);
  if (found === undefined) throw new Error(`unknown rule code ${code}`);
  return found;
}

/** The rule with this code, if it is ours (for codes that arrive from a client). */
export function findRule(code: string): RuleInfo | undefined {
  return byCode.get(code);
}
