// Choosing where GPU samples come from: this machine's GPUs, a Prometheus server (the
// mlops.gpu.prometheusUrl setting fills the box), or a running Slurm job of the Jobs view.
import * as vscode from 'vscode';
import type { GpuSourceSpec, JobRecord } from '../../../protocol';
import type { Ctx } from '../ctx';
import { jobsOf } from '../jobs/index';

export type SourceKind = 'local' | 'prometheus' | 'slurm';

interface KindItem extends vscode.QuickPickItem {
  readonly source: SourceKind;
}

/** The choice of the user: a spec, 'auto' (detect the local GPUs), or undefined when cancelled. */
export async function pickSource(ctx: Ctx, kind: SourceKind | null): Promise<GpuSourceSpec | 'auto' | undefined> {
  const chosen = kind ?? (await pickKind());
  switch (chosen) {
    case undefined:
      return undefined;
    case 'local':
      return 'auto';
    case 'prometheus':
      return pickPrometheus();
    case 'slurm':
      return pickSlurmJob(ctx);
  }
}

async function pickKind(): Promise<SourceKind | undefined> {
  const items: KindItem[] = [
    { source: 'local', label: '$(vm) This machine', detail: 'nvidia-smi, or the NVML sampler (gpu-sampler) when it is built' },
    { source: 'prometheus', label: '$(graph-line) A Prometheus server…', detail: 'DCGM exporter metrics of every node it scrapes' },
    { source: 'slurm', label: '$(server-environment) A running Slurm job…', detail: "the GPUs of the job's nodes (srun --jobid … --overlap)" },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'MLOps: GPU Source', placeHolder: 'Where should the GPU samples come from?' });
  return picked?.source;
}

/** Checks a Prometheus URL; undefined when it is fine, else what is wrong. */
export function prometheusUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Enter the URL of the Prometheus server, such as http://prometheus:9090';
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'The URL must start with http:// or https://';
}

async function pickPrometheus(): Promise<GpuSourceSpec | undefined> {
  const setting = vscode.workspace.getConfiguration('mlops.gpu').get<string | null>('prometheusUrl') ?? '';
  const url = await vscode.window.showInputBox({
    title: 'MLOps: Prometheus Server with DCGM Exporter Metrics',
    prompt: 'The base URL of the Prometheus server (the mlops.gpu.prometheusUrl setting fills this in)',
    value: setting,
    placeHolder: 'http://prometheus:9090',
    ignoreFocusOut: true,
    validateInput: (text) => prometheusUrlProblem(text),
  });
  return url === undefined ? undefined : { kind: 'prometheus', url: url.trim() };
}

interface JobItem extends vscode.QuickPickItem {
  readonly job: JobRecord;
}

async function pickSlurmJob(ctx: Ctx): Promise<GpuSourceSpec | undefined> {
  let jobs: JobRecord[] = [];
  try {
    jobs = (await jobsOf(ctx).hub.service.list()).filter((j) => j.backend === 'slurm' && j.state === 'RUNNING');
  } catch (e) {
    ctx.log.warn(`GPU source: reading the job store failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (jobs.length === 0) {
    const id = await vscode.window.showInputBox({
      title: 'MLOps: Slurm Job',
      prompt: 'No running Slurm job is in the Jobs view. Enter the id of a running job (squeue --me lists yours).',
      placeHolder: '12345',
      ignoreFocusOut: true,
      validateInput: (text) => (/^\d+(_\d+)?$/.test(text.trim()) ? undefined : 'A Slurm job id is a number, such as 12345 (or 12345_7 for an array task)'),
    });
    return id === undefined ? undefined : { kind: 'slurm', jobId: id.trim() };
  }
  const items = jobs.map((job): JobItem => ({ label: `${job.id} ${job.name}`, description: job.state, job }));
  const picked = await vscode.window.showQuickPick(items, { title: 'MLOps: Slurm Job', placeHolder: 'Whose GPUs should the dashboard show?' });
  return picked === undefined ? undefined : { kind: 'slurm', jobId: picked.job.id };
}
