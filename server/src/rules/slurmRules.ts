import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules for Slurm batch scripts: the `#SBATCH` directives sbatch reads before the first command. */
export const slurmRules = [
  {
    code: 'MLW2001',
    name: 'sbatch-unknown-option',
    severity: DiagnosticSeverity.Error,
    summary: 'An #SBATCH option sbatch does not know.',
    explanation:
      'sbatch refuses the whole script when a directive holds an option it does not know, so the job is never queued. Fix the spelling (the message suggests the closest option), use two dashes for long names (-nodes is read as -n odes), or remove the word. Options added by a site plugin (SPANK) are not in our list; ignore the finding for those.',
  },
  {
    code: 'MLW2002',
    name: 'sbatch-bad-value',
    severity: DiagnosticSeverity.Error,
    summary: 'An #SBATCH option with a missing or malformed value.',
    explanation:
      'sbatch checks time limits, counts, memory sizes, GPU and generic-resource requests and the fixed lists of words some options take, and refuses the script when one does not parse: a limit of 1h, --mem=1.5G or --gres=gpu=2 stops the submission. Write the value in the form the message shows.',
  },
  {
    code: 'MLW2003',
    name: 'sbatch-conflict',
    severity: DiagnosticSeverity.Warning,
    summary: '#SBATCH options that contradict each other.',
    explanation:
      'Some options cannot be combined (--mem with --mem-per-cpu or --mem-per-gpu, --exclusive with --oversubscribe, --cpus-per-gpu with --cpus-per-task) and sbatch refuses the script; those are errors. Others are accepted but do not mean what they seem: an option given twice keeps only its last value, and a --ntasks that differs from --nodes times --ntasks-per-node wins over it, leaving ranks missing or nodes idle. Keep one consistent set of values.',
  },
  {
    code: 'MLW2004',
    name: 'sbatch-ignored-directive',
    severity: DiagnosticSeverity.Warning,
    summary: 'An #SBATCH line that sbatch never reads.',
    explanation:
      'sbatch reads directives only from the top of the script, up to the first line that is neither blank nor a comment, and only when #SBATCH starts the line. A directive below the first command, or an indented one, is silently ignored, so the job runs without it. Move it above the first command and start it at the first column.',
  },
  {
    code: 'MLW2005',
    name: 'sbatch-newer-option',
    severity: DiagnosticSeverity.Information,
    summary: 'An #SBATCH option or value that needs a newer Slurm.',
    explanation:
      'The option (or value) was added after Slurm 22.05; an older sbatch rejects it as unknown or malformed. Check the version of the clusters the script runs on (sbatch --version); nothing needs to change if they are recent enough.',
  },
  {
    code: 'MLW2006',
    name: 'sbatch-shell-variable',
    severity: DiagnosticSeverity.Warning,
    summary: 'A shell variable in an #SBATCH value.',
    explanation:
      'sbatch reads #SBATCH lines itself, before any shell runs, so $HOME or ${RUN} stays as those very characters: the log lands in a directory literally named $HOME, or the dependency is refused. Write the value out, use the % patterns sbatch knows (%j job id, %x job name, %u user), or pass the option on the sbatch command line where the shell expands it.',
  },
  {
    code: 'MLW2007',
    name: 'sbatch-script-format',
    severity: DiagnosticSeverity.Error,
    summary: 'A batch script sbatch refuses before reading it.',
    explanation:
      'sbatch only takes a script whose first line starts with #! and the interpreter (#!/bin/bash), and refuses one saved with Windows (CRLF) line breaks. Add the #! line at the very top, or save the file with Unix (LF) line endings.',
  },
] as const satisfies readonly RuleInfo[];
