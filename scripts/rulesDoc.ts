// Writes the README's rule list from the rule catalog: `npx tsx scripts/rulesDoc.ts`.
// The unit tests check that the README holds every rule's code and explanation.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DiagnosticSeverity } from 'vscode-languageserver-types';
import { allRules } from '../server/src/rules/catalog';

const README = join(__dirname, '..', 'README.md');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';
const SEVERITY: Record<DiagnosticSeverity, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

const rows = allRules().map((r) => `| ${r.code} | ${r.name} | ${SEVERITY[r.severity]} | ${r.summary} ${r.explanation} |`);
const table = ['| code | name | severity | what it means and what to do |', '|---|---|---|---|', ...rows].join('\n');
const text = readFileSync(README, 'utf8');
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error(`README.md needs the markers ${START} and ${END}`);
writeFileSync(README, `${text.slice(0, a + START.length)}\n${table}\n${text.slice(b)}`);
console.log(`README.md: ${rows.length} rules`);
