// "MLOps: Run Native Workload": picks a program of the last build, its variant (CPU or CUDA, and
// the MPI), the backend (local mpiexec or Slurm), the ranks and the arguments, then launches it as
// an mlops.mpi or mlops.slurm job, so that it shows in the Jobs view. An allreduce-bench run opens
// the busbw chart, which follows the job's output.
import * as vscode from 'vscode';
import type { JobRecord, NativeBuildReport, NativeProgram, NativeVariant } from '../../../protocol';
import { NATIVE_PROGRAMS } from '../../../core/native/build';
import { defaultArgs, nativeLaunch, type NativeRunChoice } from '../../../core/native/launch';
import type { Ctx } from '../ctx';
import { jobsOf } from '../jobs/index';
import { launchTask } from '../jobs/tasks';
import { requireTrust } from '../jobs/trust';
import { buildNativeWorkloads } from './build';
import { openBusbwChart } from './chart';
import { lastBuild, nativeBuildDir } from './paths';

const ABOUT: Readonly<Record<NativeProgram, string>> = {
  'allreduce-bench': 'allreduce sweep: nccl-tests columns, busbw chart',
  softmax: 'softmax of a vector split over ranks, checked against serial',
  jacobi: '2-D Jacobi with halo exchange, checked against serial',
  overlap: 'Jacobi without and with compute/communication overlap',
  'gpu-sampler': 'NVML samples of every GPU',
};

async function report(ctx: Ctx): Promise<NativeBuildReport | undefined> {
  const found = lastBuild(ctx);
  if (found !== undefined && found.variants.length > 0) return found;
  ctx.log.info(`Native workloads: no build with programs in ${nativeBuildDir(ctx)}`);
  const choice = await vscode.window.showInformationMessage('MLOps: the native workloads are not built yet.', 'Build Native Workloads');
  if (choice === undefined) return undefined;
  const built = await buildNativeWorkloads(ctx);
  return built !== undefined && built.variants.length > 0 ? built : undefined;
}

async function pickProgram(r: NativeBuildReport): Promise<NativeProgram | undefined> {
  const items = NATIVE_PROGRAMS.filter((p) => r.variants.some((v) => v.programs.includes(p))).map((p) => ({ label: p, description: ABOUT[p], program: p }));
  return (await vscode.window.showQuickPick(items, { title: 'MLOps: Run Native Workload (1/5): program' }))?.program;
}

async function pickVariant(r: NativeBuildReport, program: NativeProgram): Promise<NativeVariant | undefined> {
  const items = r.variants.filter((v) => v.programs.includes(program)).map((v) => ({ label: `${v.build} / ${v.mpi}`, description: v.build === 'cuda' ? 'NCCL on GPUs' : 'MPI on CPUs, runs anywhere', detail: v.dir, variant: v }));
  if (items.length === 1) return items[0]?.variant;
  return (await vscode.window.showQuickPick(items, { title: 'MLOps: Run Native Workload (2/5): build' }))?.variant;
}

async function pickBackend(): Promise<'local' | 'slurm' | undefined> {
  const items = [
    { label: 'Local', description: 'mpiexec on this machine', backend: 'local' as const },
    { label: 'Slurm', description: 'sbatch a generated script, srun the ranks', backend: 'slurm' as const },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'MLOps: Run Native Workload (3/5): where' }))?.backend;
}

async function askRanks(): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'MLOps: Run Native Workload (4/5): ranks',
    value: '2',
    validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'A whole number of ranks, at least 1'),
  });
  return text === undefined ? undefined : Number(text.trim());
}

async function askArgs(program: NativeProgram, variant: NativeVariant): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({ title: `MLOps: Run Native Workload (5/5): arguments of ${program} (--help lists them)`, value: defaultArgs(program, variant.build).join(' ') });
  return text === undefined ? undefined : text.split(/\s+/).filter((a) => a !== '');
}

async function choose(ctx: Ctx): Promise<NativeRunChoice | undefined> {
  const r = await report(ctx);
  if (r === undefined) return undefined;
  const program = await pickProgram(r);
  if (program === undefined) return undefined;
  const variant = await pickVariant(r, program);
  if (variant === undefined) return undefined;
  const backend = await pickBackend();
  if (backend === undefined) return undefined;
  const ranks = await askRanks();
  if (ranks === undefined) return undefined;
  const args = await askArgs(program, variant);
  return args === undefined ? undefined : { program, variant, backend, ranks, args };
}

/** The job the launch made: the newest one of that name submitted since `since` (ISO time). */
function launchedJob(ctx: Ctx, name: string, since: string): Promise<JobRecord | undefined> {
  const { hub } = jobsOf(ctx);
  const find = (): JobRecord | undefined => hub.service.store.list().filter((j) => j.name === name && j.submittedAt >= since).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];
  return new Promise((resolve) => {
    const now = find();
    if (now !== undefined) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(undefined);
    }, 60_000);
    const sub = hub.onDidChange(() => {
      const job = find();
      if (job === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(job);
    });
  });
}

/** Picks and launches; resolves with the job once the store has it (undefined when cancelled). */
export async function runNativeWorkload(ctx: Ctx): Promise<JobRecord | undefined> {
  if (!requireTrust()) return undefined;
  const choice = await choose(ctx);
  if (choice === undefined) return undefined;
  const spec = nativeLaunch(choice);
  const name = spec.name ?? choice.program;
  const since = new Date(Date.now() - 1000).toISOString();
  await vscode.tasks.executeTask(launchTask(jobsOf(ctx).hub, spec, name));
  const job = await launchedJob(ctx, name, since);
  if (job !== undefined && choice.program === 'allreduce-bench') openBusbwChart(ctx, job);
  return job;
}
