// "MLOps: Launch Job": a quick pick of our tasks from tasks.json and the active file when it is a
// job manifest or a batch script; a code lens launches its file directly. Every launch runs as a
// task, in a terminal of its own.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord, LaunchLensArgs, LaunchSpec } from '../../../protocol';
import type { JobsHub } from './hub';
import { pickKubeTarget } from './kube';
import { configuredJobTasks, launchTask, specOf } from './tasks';
import { requireTrust } from './trust';

export function isLensArgs(arg: unknown): arg is LaunchLensArgs {
  if (typeof arg !== 'object' || arg === null) return false;
  const a = arg as Partial<LaunchLensArgs>;
  return typeof a.uri === 'string' && (a.backend === 'slurm' || a.backend === 'kubernetes');
}

/** One line that says what a launch runs. */
export function summary(spec: LaunchSpec): string {
  const args = (list: readonly string[] | undefined): string => (list === undefined || list.length === 0 ? '' : ` ${list.join(' ')}`);
  switch (spec.kind) {
    case 'mpi':
      return `mpiexec -n ${spec.np} ${spec.program}${args(spec.args)}${spec.mpi === undefined || spec.mpi === 'default' ? '' : ` (${spec.mpi})`}`;
    case 'torchrun':
      return `torchrun --nproc-per-node ${spec.nprocPerNode} ${spec.script}${args(spec.args)}`;
    case 'process':
      return `${spec.program}${args(spec.args)}`;
    case 'slurm':
      return spec.script === undefined ? `sbatch (generated script)${args(spec.command)}` : `sbatch ${spec.script}`;
    case 'kubernetes':
      return `kubectl apply -f ${spec.manifest}${spec.context === undefined ? '' : ` --context ${spec.context}`}${spec.namespace === undefined ? '' : ` -n ${spec.namespace}`}`;
  }
}

interface LaunchItem extends vscode.QuickPickItem {
  readonly run?: () => Promise<vscode.TaskExecution | undefined>;
}

/** The "Launch" lenses of the active editor, as the language server makes them. */
async function activeFileLenses(): Promise<LaunchLensArgs[]> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc === undefined || doc.uri.scheme !== 'file') return [];
  try {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    return lenses.flatMap((l) => (l.command?.command === 'mlops.launchJob' && isLensArgs(l.command.arguments?.[0]) ? [l.command.arguments[0]] : []));
  } catch {
    return [];
  }
}

async function launchItems(hub: JobsHub): Promise<LaunchItem[]> {
  const [tasks, lenses] = await Promise.all([configuredJobTasks(), activeFileLenses()]);
  const items: LaunchItem[] = [];
  const seen = new Set<string>();
  for (const lens of lenses) {
    const key = `${lens.backend}:${lens.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = basename(vscode.Uri.parse(lens.uri).fsPath);
    if (items.length === 0) items.push({ label: 'Active file', kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: `$(rocket) ${name}`,
      description: lens.backend === 'slurm' ? 'submit the batch script to Slurm' : `submit the ${lens.kind} to Kubernetes`,
      run: () => launchFile(hub, lens),
    });
  }
  if (tasks.length > 0) items.push({ label: 'tasks.json', kind: vscode.QuickPickItemKind.Separator });
  for (const task of tasks) {
    const folder = typeof task.scope === 'object' ? task.scope.name : undefined;
    let detail: string | undefined;
    try {
      detail = summary(specOf(task.definition, task.name));
    } catch {
      detail = undefined;
    }
    items.push({
      label: task.name,
      description: `${task.definition.type}${folder === undefined ? '' : ` · ${folder}`}`,
      ...(detail === undefined ? {} : { detail }),
      run: () => Promise.resolve(vscode.tasks.executeTask(task)),
    });
  }
  return items;
}

/** "MLOps: Launch Job" from the palette or the view: pick what to launch. */
export async function pickAndLaunch(hub: JobsHub): Promise<vscode.TaskExecution | undefined> {
  if (!requireTrust()) return undefined;
  const items = await launchItems(hub);
  if (!items.some((i) => i.run !== undefined)) {
    const choice = await vscode.window.showInformationMessage(
      'MLOps: nothing to launch. Open a job manifest or a batch script, or add a task of type mlops.mpi, mlops.torchrun, mlops.slurm or mlops.kubernetes to tasks.json.',
      'Open tasks.json',
    );
    if (choice !== undefined) await vscode.commands.executeCommand('workbench.action.tasks.configureTaskRunner');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'MLOps: Launch Job', placeHolder: 'A task of tasks.json, or the active file', matchOnDescription: true, matchOnDetail: true });
  return picked?.run?.();
}

/** Launches a manifest or batch script (a code lens, or the active file). */
export async function launchFile(hub: JobsHub, lens: LaunchLensArgs): Promise<vscode.TaskExecution | undefined> {
  if (!requireTrust()) return undefined;
  const uri = vscode.Uri.parse(lens.uri);
  // kubectl and sbatch read the file on disk: save what the editor shows first.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty === true) await open.save();
  const file = uri.fsPath;
  let spec: LaunchSpec;
  if (lens.backend === 'slurm') {
    spec = { kind: 'slurm', script: file };
  } else {
    const target = await pickKubeTarget(hub);
    if (target === undefined) return undefined;
    spec = { kind: 'kubernetes', manifest: file, ...target };
  }
  const label = lens.backend === 'slurm' ? `${basename(file)} (Slurm)` : `${lens.kind} ${basename(file)} (Kubernetes)`;
  return vscode.tasks.executeTask(launchTask(hub, spec, label));
}

/** Launches a job's launch again, from the folder it was launched from (Kubernetes manifests are checked again). */
export async function relaunch(hub: JobsHub, job: JobRecord): Promise<vscode.TaskExecution | undefined> {
  if (!requireTrust()) return undefined;
  const spec: LaunchSpec = job.launch.kind === 'kubernetes' ? { ...job.launch, force: false } : job.launch;
  if (spec.kind === 'kubernetes' && spec.manifest === '') throw new Error(`${job.id} was not launched from a manifest this store knows: open the manifest and launch it.`);
  const label = spec.kind === 'slurm' || spec.kind === 'kubernetes' ? `${job.name} (again)` : job.name;
  return vscode.tasks.executeTask(launchTask(hub, spec, label, job.cwd));
}
