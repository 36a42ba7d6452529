import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CliDiagnostic } from '../../../protocol';
import { isServedFileName } from '../../../server/src/services/fileKinds';
import type { Engine } from '../../../server/src/engine/engine';
import { createEngine, validateFile } from '../../../server/src/services/validate';
import { WorkspaceIndex } from '../../../server/src/workspace';
import { SchemaAssociations } from '../../../server/src/engine/association';
import { ExternalSchemas } from '../../../server/src/engine/externalSchemas';
import { makeDiagnostic } from '../../../server/src/services/diagnostics';
import { formatSummary, formatText, toCliDiagnostic } from '../format';
import { toSarif } from '../sarif';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../io';
import { readSource, type SourceResult } from '../readSource';
import { expandPaths } from '../walk';

export const LINT_USAGE = `Usage: mlops lint [--format text|json|sarif] PATH...

Validates manifests and Slurm batch scripts. Folders are walked for *.yaml and *.yml manifests
(dvc.yaml included), MLflow's MLproject and MLmodel files, and *.sbatch, *.slurm, *.sh and *.bash
scripts (a .sh or .bash file is checked only when it holds #SBATCH directives); .git and
node_modules are skipped.
Exit status: 0 no errors, 1 errors found, 2 usage error or a path that does not exist.`;

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `mlops lint`: returns the exit status. */
export function runLint(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) {
    io.out(`${LINT_USAGE}\n`);
    return EXIT_OK;
  }
  const format = values.format;
  if (!isFormat(format)) throw new UsageError(`unknown --format '${format}': use one of ${FORMATS.join(', ')}`);
  if (positionals.length === 0) throw new UsageError('mlops lint needs at least one file or folder, such as: mlops lint .');
  for (const p of positionals) {
    if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p} (check the path; nothing was linted)`);
  }

  const findings: CliDiagnostic[] = [];
  const entries = expandPaths(positionals, isServedFileName);
  // The linted files are one workspace: an Argo templateRef finds a WorkflowTemplate in another of them.
  const workspace = new WorkspaceIndex();
  for (const entry of entries) if (!('error' in entry)) workspace.refreshFromDisk(entry.path);
  // Modelines name schemas by path (read at once) or by URL (used from the cache of earlier runs).
  const associations = new SchemaAssociations();
  associations.configure({}, [process.cwd()]);
  const noDownload = (): Promise<string> => Promise.reject(new Error('mlops lint does not download schemas'));
  const external = new ExternalSchemas(cliSchemaCache(), () => undefined, noDownload, (text) => engine.schemaForText(text));
  const engine = createEngine({ workspace, associations, externalSchemas: external });
  for (const entry of entries) {
    const diagnostics = 'error' in entry ? [unreadable(`the folder cannot be listed: ${entry.error}`)] : lintFile(entry.path, engine);
    for (const d of diagnostics) findings.push(toCliDiagnostic(entry.path, d));
  }

  if (format === 'json') io.out(`${JSON.stringify(findings, null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(findings, io.version), null, 2)}\n`);
  else {
    // The tally is the report's last line, on the same stream as the findings: a terminal, a log
    // that joins both streams, or a harness that trims each one shows it on a line of its own.
    for (const f of findings) io.out(`${formatText(f)}\n`);
    io.out(`${formatSummary(findings, entries.length)}\n`);
  }
  return findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** Where the CLI keeps schemas fetched by URL: $XDG_CACHE_HOME (or ~/.cache)/mlops-workbench/schemas. */
function cliSchemaCache(): string {
  return join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'mlops-workbench', 'schemas');
}

function lintFile(path: string, engine: Engine): Diagnostic[] {
  const source = readSource(path);
  if (source.kind !== 'text') return [sourceProblem(source)];
  const diagnostics = validateFile(path, source.text, engine);
  engine.forget(path);
  return diagnostics;
}

function sourceProblem(source: Exclude<SourceResult, { kind: 'text' }>): Diagnostic {
  switch (source.kind) {
    case 'unreadable':
      return unreadable(`the file cannot be read: ${source.reason}`);
    case 'binary':
      return makeDiagnostic('MLW0011', FILE_START, `not a text file: ${source.reason}`);
    case 'too-large':
      return makeDiagnostic('MLW0012', FILE_START, `file too large to validate: ${source.reason}`);
  }
}

function unreadable(message: string): Diagnostic {
  return makeDiagnostic('MLW0010', FILE_START, message);
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}
