import { type DiagnosticSeverity } from 'vscode-languageserver-types';
import type { CliDiagnostic, CliSeverity, SarifLevel, SarifLog, SarifRule } from '../../protocol';
import { allRules } from '../../server/src/rules/catalog';

const LEVEL: Record<CliSeverity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const DEFAULT_LEVEL: Record<DiagnosticSeverity, SarifLevel> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

/** A file path as a SARIF artifact URI: relative paths stay relative, with forward slashes. */
function artifactUri(file: string): string {
  return file.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}

/** The findings of one `mlops lint` run as a SARIF 2.1.0 log, with every rule described. */
export function toSarif(findings: readonly CliDiagnostic[], version: string): SarifLog {
  const rules: SarifRule[] = allRules().map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.explanation },
    defaultConfiguration: { level: DEFAULT_LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mlops', version, rules } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
