/**
 * Validates a Slurm batch script: the `#SBATCH` directives sbatch reads (MLW2001-MLW2006), the
 * script's format (MLW2007), and the NCCL variables it exports (through the environment rules).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { checkEnvVariable } from '../rules/env/checkEnv';
import type { DiagnosticData } from '../../../protocol';
import { makeDiagnostic } from '../services/diagnostics';
import { LineIndex } from '../services/lineIndex';
import { conflictFindings } from './conflicts';
import { finding, type Finding } from './findings';
import { itemFindings } from './itemChecks';
import { lines, parseBatchScript, type BatchScript, type Directive, type FirstCommand } from './parse';

/** Every finding of a batch script, in source order. Pure. */
export function validateBatchScript(text: string): Diagnostic[] {
  const script = parseBatchScript(text);
  const findings = [...formatFindings(text, script), ...directiveFindings(script), ...conflictFindings(script), ...exportFindings(script)];
  const index = new LineIndex(text);
  return findings
    .sort((a, b) => a.span.start - b.span.start)
    .map((f) => {
      const d = makeDiagnostic(f.code, index.rangeOf(f.span.start, f.span.end), f.message);
      if (f.fix !== undefined) {
        const data: DiagnosticData = { fix: { title: f.fix.title, edits: [{ range: index.span(f.span.start, f.span.end), newText: f.fix.text }] } };
        d.data = data;
      }
      return f.severity === undefined ? d : { ...d, severity: f.severity };
    });
}

/** MLW2007: what sbatch refuses before it reads any directive. */
function formatFindings(text: string, script: BatchScript): Finding[] {
  const out: Finding[] = [];
  if (script.shebang === undefined) {
    const first = lines(text)[0] ?? { start: 0, end: 0 };
    const later = /^#!/m.test(text) ? '; the #! line must be the very first line of the file' : ', such as #!/bin/bash';
    out.push(finding('MLW2007', { start: first.start, end: first.end }, `sbatch refuses a script whose first line does not start with #! and an interpreter${later}`));
  }
  if (script.crlfAt !== undefined) {
    out.push(finding('MLW2007', { start: script.crlfAt, end: script.crlfAt + 1 }, 'sbatch refuses scripts with Windows (CRLF) line breaks; save the file with Unix (LF) line endings'));
  }
  return out;
}

/** MLW2004 for directives sbatch skips, and the checks of every directive's options. */
function directiveFindings(script: BatchScript): Finding[] {
  const out: Finding[] = [];
  for (const d of script.directives) {
    const ignored = ignoredFinding(d, script.firstCommand);
    if (ignored !== undefined) out.push(ignored);
    out.push(...itemFindings(d.items));
  }
  return out;
}

function ignoredFinding(d: Directive, first: FirstCommand | undefined): Finding | undefined {
  if (d.indented) return finding('MLW2004', d.marker, 'sbatch ignores this indented #SBATCH: a directive must start at the first column, otherwise it is a comment');
  if (!d.afterFirstCommand || first === undefined) return undefined;
  return finding('MLW2004', d.marker, `sbatch ignores this #SBATCH: it comes after the first command (line ${first.line + 1}), where sbatch stops reading directives; move it above that line`);
}

/** The NCCL variables the script exports, checked by the environment rules. */
function exportFindings(script: BatchScript): Finding[] {
  const out: Finding[] = [];
  for (const e of script.exports) {
    if (!/^nccl_/i.test(e.name)) continue;
    // The one call site of the environment rules (server/src/rules/env/checkEnv.ts).
    for (const f of checkEnvVariable(e.name, e.value)) {
      // A value the shell expands ($X, `cmd`) is not the text we see: keep only findings on the name.
      if (f.target === 'value' && e.dynamic) continue;
      const span = f.target === 'value' && e.valueSpan !== undefined ? e.valueSpan : e.nameSpan;
      const fix = f.replacement === undefined ? undefined : { title: `Change to ${f.replacement}`, text: f.replacement };
      out.push(fix === undefined ? finding(f.code, span, f.message) : { ...finding(f.code, span, f.message), fix });
    }
  }
  return out;
}
