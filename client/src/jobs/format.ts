// How a job looks in the Jobs view and in quick picks: state, elapsed time, ranks, icon, and the
// context value that decides which menu entries it gets.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord, JobState, LaunchSpec } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { elapsedSeconds, formatElapsed } from '../../../core/jobs/elapsed';


/** `RUNNING · 12.3s · 2 ranks`. */
export function describeJob(job: JobRecord, now = Date.now()): string {
  const parts: string[] = [job.state];
  const elapsed = elapsedSeconds(job, now);
  if (elapsed !== undefined) parts.push(formatElapsed(elapsed));
  if (job.ranks !== undefined) parts.push(`${job.ranks} rank${job.ranks === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function jobLabel(job: JobRecord): string {
  return job.name === job.id ? job.id : `${job.id} ${job.name}`;
}

const FAILED_COLOR = new vscode.ThemeColor('testing.iconFailed');

export function stateIcon(state: JobState): vscode.ThemeIcon {
  switch (state) {
    case 'RUNNING':
    case 'CONFIGURING':
    case 'COMPLETING':
      return new vscode.ThemeIcon('sync~spin');
    case 'PENDING':
      return new vscode.ThemeIcon('clock');
    case 'SUSPENDED':
      return new vscode.ThemeIcon('debug-pause');
    case 'COMPLETED':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'CANCELLED':
      return new vscode.ThemeIcon('circle-slash');
    case 'UNKNOWN':
      return new vscode.ThemeIcon('question');
    default:
      return new vscode.ThemeIcon('error', FAILED_COLOR);
  }
}

function existingFile(cwd: string, path: string | undefined): string | undefined {
  if (path === undefined || path === '') return undefined;
  const full = isAbsolute(path) ? path : resolve(cwd, path);
  try {
    return existsSync(full) && statSync(full).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

/** The folder relative paths of a launch start from: its cwd, under the first workspace folder. */
export function launchCwd(spec?: LaunchSpec): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const cwd = spec !== undefined && 'cwd' in spec ? spec.cwd : undefined;
  return cwd === undefined ? base : resolve(base, cwd);
}

/** The batch script, manifest or program file of a job, when there is one on disk. */
export function jobFile(job: JobRecord): string | undefined {
  const cwd = launchCwd(job.launch);
  const spec = job.launch;
  const candidates: (string | undefined)[] = [job.file];
  if (spec.kind === 'slurm') candidates.push(spec.script);
  else if (spec.kind === 'kubernetes') candidates.push(spec.manifest);
  else if (spec.kind === 'torchrun') candidates.push(spec.script);
  else candidates.push(spec.program, ...(spec.args ?? []));
  for (const c of candidates) {
    const found = existingFile(cwd, c);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Words the menus match on: `job`, the backend, `live` or `final`, and `file` when it has one. */
export function jobContext(job: JobRecord): string {
  return ['job', job.backend, isFinal(job.state) ? 'final' : 'live', ...(jobFile(job) === undefined ? [] : ['file'])].join(' ');
}

export function jobTooltip(job: JobRecord): vscode.MarkdownString {
  const lines = [`${job.id} ${job.name} (${job.backend})`, `State: ${job.state}${job.reason === undefined ? '' : ` (${job.reason})`}`];
  if (job.exitCode !== undefined) lines.push(`Exit code: ${job.exitCode}`);
  lines.push(`Submitted: ${job.submittedAt}`);
  if (job.startedAt !== undefined) lines.push(`Started: ${job.startedAt}`);
  if (job.endedAt !== undefined) lines.push(`Ended: ${job.endedAt}`);
  if (job.logDir !== undefined) lines.push(`Logs: ${job.logDir}`);
  if (job.outputFile !== undefined) lines.push(`Output: ${job.outputFile}`);
  if (job.kube !== undefined) lines.push(`Kubernetes: ${job.kube.kind} ${job.kube.namespace}/${job.kube.name}${job.kube.context === undefined ? '' : ` in ${job.kube.context}`}`);
  const md = new vscode.MarkdownString();
  md.appendText(lines.join('\n'));
  return md;
}
