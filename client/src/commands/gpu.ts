import * as vscode from 'vscode';
import type { JobRecord } from '../../../protocol';
import { showDashboard, gpuOf } from '../gpu/index';
import { pickSource } from '../gpu/pick';
import { jobsOf } from '../jobs/index';
import { nodeOrPick } from '../jobs/pick';
import type { Ctx } from '../ctx';
import type { CommandTable } from './types';

const isRunningSlurm = (job: JobRecord): boolean => job.backend === 'slurm' && job.state === 'RUNNING';

/** Runs a GPU action; a failure is shown, not thrown at the command service. */
async function guarded(ctx: Ctx, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ctx.log.error(`GPU: ${message}`);
    void vscode.window.showErrorMessage(`MLOps: ${message}`);
  }
}

/** The GPU dashboard, its source, and the GPUs of a running Slurm job from the Jobs view. */
export const gpuCommands: CommandTable = {
  'mlops.showGpuDashboard': (ctx) => () => guarded(ctx, () => showDashboard(ctx)),

  'mlops.pickGpuSource': (ctx) => () =>
    guarded(ctx, async () => {
      const open = gpuOf(ctx).dashboard;
      if (open !== undefined) {
        open.reveal();
        await open.switchSource(null);
        return;
      }
      const spec = await pickSource(ctx, null);
      if (spec === undefined) return;
      await showDashboard(ctx);
      await gpuOf(ctx).monitor.use(spec);
    }),

  'mlops.showJobGpus': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const node = await nodeOrPick(jobsOf(ctx).hub, arg, 'Show Job GPUs', isRunningSlurm);
      if (node === undefined) return;
      if (!isRunningSlurm(node.job)) throw new Error(`${node.job.id} is not a running Slurm job: its GPUs can be shown only while it runs on its nodes.`);
      await showDashboard(ctx, { kind: 'slurm', jobId: node.job.id }, vscode.ViewColumn.Beside);
    }),
};
