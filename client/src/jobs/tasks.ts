// Task types `mlops.mpi`, `mlops.torchrun`, `mlops.slurm` and `mlops.kubernetes`: a tasks.json
// entry is a LaunchSpec with `type` for `kind`, and runs in a JobTerminal.
import * as vscode from 'vscode';
import type { LaunchSpec } from '../../../protocol';
import { launchCwd } from './format';
import type { JobsHub } from './hub';
import { JobTerminal } from './terminal';

/** Our task types and the launch kind each one is. */
export const TASK_KINDS: Readonly<Record<string, LaunchSpec['kind']>> = {
  'mlops.mpi': 'mpi',
  'mlops.torchrun': 'torchrun',
  'mlops.slurm': 'slurm',
  'mlops.kubernetes': 'kubernetes',
};

export const TASK_SOURCE = 'mlops';

export function isJobTask(task: vscode.Task): boolean {
  return task.definition.type in TASK_KINDS;
}

/** The launch a task definition describes; a local job's task label names it unless it says `name`. */
export function specOf(definition: vscode.TaskDefinition, label: string): LaunchSpec {
  const kind = TASK_KINDS[definition.type];
  if (kind === undefined) throw new Error(`'${definition.type}' is not an MLOps task type (use one of ${Object.keys(TASK_KINDS).join(', ')}).`);
  const fields: Record<string, unknown> = { ...definition };
  delete fields['type'];
  // A local job is named after its task; a Slurm `name` would override the script's --job-name.
  if (kind !== 'slurm' && kind !== 'kubernetes' && (typeof fields['name'] !== 'string' || fields['name'] === '')) fields['name'] = label;
  return { ...fields, kind } as unknown as LaunchSpec;
}

/** The task definition of a launch (its `kind` as `type`). */
export function definitionOf(spec: LaunchSpec): vscode.TaskDefinition {
  const { kind, ...fields } = spec;
  return { ...fields, type: `mlops.${kind}` };
}

function folderOf(scope: vscode.Task['scope']): string | undefined {
  return typeof scope === 'object' ? scope.uri.fsPath : undefined;
}

/**
 * A task that runs a launch. With `fixed`, that launch is run as given (a relaunch, a file from a
 * code lens); otherwise the definition VS Code resolved (variables substituted) is.
 */
export function jobTask(hub: JobsHub, definition: vscode.TaskDefinition, scope: vscode.Task['scope'], label: string, fixed?: LaunchSpec, base?: string): vscode.Task {
  const execution = new vscode.CustomExecution((resolved) => {
    const spec = fixed ?? specOf(resolved, label);
    // The folder relative paths start from; the launch's own `cwd` is relative to it.
    return Promise.resolve(new JobTerminal(hub, spec, base ?? folderOf(scope) ?? launchCwd()));
  });
  const task = new vscode.Task(definition, scope ?? vscode.TaskScope.Workspace, label, TASK_SOURCE, execution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

/** A task for a launch given in full (relaunch, code lens, active file); `base` is the folder relative paths start from. */
export function launchTask(hub: JobsHub, spec: LaunchSpec, label: string, base?: string): vscode.Task {
  return jobTask(hub, definitionOf(spec), vscode.workspace.workspaceFolders?.[0] ?? vscode.TaskScope.Workspace, label, spec, base);
}

/** Gives tasks.json entries of our types their execution; it detects no tasks of its own. */
export class JobTaskProvider implements vscode.TaskProvider {
  constructor(private readonly hub: JobsHub) {}

  provideTasks(): vscode.Task[] {
    return [];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (!isJobTask(task)) return undefined;
    return jobTask(this.hub, task.definition, task.scope, task.name);
  }
}

/** Our tasks from tasks.json (every workspace folder). */
export async function configuredJobTasks(): Promise<vscode.Task[]> {
  const lists = await Promise.all(Object.keys(TASK_KINDS).map((type) => vscode.tasks.fetchTasks({ type })));
  return lists.flat();
}
