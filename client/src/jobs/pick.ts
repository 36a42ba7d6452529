// Which job a command acts on: the view's item it was invoked on, or (from the palette) a quick
// pick of the store's jobs.
import * as vscode from 'vscode';
import type { JobRecord } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { describeJob, jobLabel, stateIcon } from './format';
import type { JobsHub } from './hub';
import type { JobsNode } from './tree';

export function isJobsNode(arg: unknown): arg is JobsNode {
  if (typeof arg !== 'object' || arg === null) return false;
  const a = arg as Partial<JobsNode>;
  return (a.type === 'job' || a.type === 'part') && typeof a.job === 'object';
}

interface JobItem extends vscode.QuickPickItem {
  readonly job: JobRecord;
}

/** The node a command got, or one the user picks among the jobs that `filter` keeps. */
export async function nodeOrPick(hub: JobsHub, arg: unknown, title: string, filter: (job: JobRecord) => boolean = () => true): Promise<JobsNode | undefined> {
  if (isJobsNode(arg)) return arg;
  const jobs = (await hub.service.list()).filter(filter);
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage(`MLOps: no job to ${title.toLowerCase()}.`);
    return undefined;
  }
  const items = jobs.map((job): JobItem => ({ label: jobLabel(job), description: describeJob(job), iconPath: stateIcon(job.state), job }));
  const picked = await vscode.window.showQuickPick(items, { title: `MLOps: ${title}`, placeHolder: 'Pick a job', matchOnDescription: true });
  return picked === undefined ? undefined : { type: 'job', job: picked.job };
}

export const isLive = (job: JobRecord): boolean => !isFinal(job.state);
