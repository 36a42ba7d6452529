import * as vscode from 'vscode';
import type { JobRecord } from '../../../protocol';
import { jobFile } from '../jobs/format';
import { jobsOf } from '../jobs/index';
import { isLensArgs, launchFile, pickAndLaunch, relaunch } from '../jobs/launch';
import { openLogs } from '../jobs/logs';
import { isLive, nodeOrPick } from '../jobs/pick';
import { showLaunchError } from '../jobs/trust';
import type { Ctx } from '../ctx';
import type { CommandTable } from './types';

/** The job as the store has it now (a view item may be a few seconds old). */
function fresh(ctx: Ctx, job: JobRecord): JobRecord {
  try {
    return jobsOf(ctx).hub.service.find(job.id, job.backend);
  } catch {
    return job;
  }
}

/** Runs a job action; a failure is shown, not thrown at the command service. */
async function guarded<T>(ctx: Ctx, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    await showLaunchError(ctx, e);
    return undefined;
  }
}

/** Commands of the Jobs view, the palette and the "Launch" code lenses. */
export const jobCommands: CommandTable = {
  'mlops.launchJob': (ctx) => (arg?: unknown) =>
    guarded(ctx, () => (isLensArgs(arg) ? launchFile(jobsOf(ctx).hub, arg) : pickAndLaunch(jobsOf(ctx).hub))),

  'mlops.cancelJob': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const { hub } = jobsOf(ctx);
      const node = await nodeOrPick(hub, arg, 'Cancel Job', isLive);
      if (node === undefined) return undefined;
      const job = await hub.service.cancel(node.job.id, node.job.backend);
      hub.changed();
      return job;
    }),

  'mlops.openJobLogs': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const node = await nodeOrPick(jobsOf(ctx).hub, arg, 'Open Job Logs');
      if (node === undefined) return;
      await openLogs(fresh(ctx, node.job), node.type === 'part' ? node.part : undefined);
    }),

  'mlops.relaunchJob': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const node = await nodeOrPick(jobsOf(ctx).hub, arg, 'Relaunch Job');
      return node === undefined ? undefined : relaunch(jobsOf(ctx).hub, node.job);
    }),

  'mlops.openJobFile': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const node = await nodeOrPick(jobsOf(ctx).hub, arg, 'Open Job File', (j) => jobFile(j) !== undefined);
      if (node === undefined) return;
      const file = jobFile(node.job);
      if (file === undefined) throw new Error(`${node.job.id} has no batch script, manifest or program file on disk.`);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
    }),

  'mlops.removeJob': (ctx) => (arg?: unknown) =>
    guarded(ctx, async () => {
      const { hub } = jobsOf(ctx);
      const node = await nodeOrPick(hub, arg, 'Remove Job');
      if (node === undefined) return;
      const job = fresh(ctx, node.job);
      if (isLive(job)) {
        const choice = await vscode.window.showWarningMessage(`${job.id} is ${job.state}. Remove it from the list anyway? It keeps running.`, { modal: true }, 'Remove');
        if (choice !== 'Remove') return;
      }
      await hub.service.remove(job.id);
      hub.changed();
    }),

  'mlops.refreshJobs': (ctx) => () => {
    jobsOf(ctx).tree.refresh();
  },
};
