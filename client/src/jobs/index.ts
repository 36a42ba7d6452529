// The jobs feature of a window: the hub (service and store watcher), the Jobs view, the task
// provider and the log documents. Commands reach it through jobsOf(ctx).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { perWindow } from '../perWindow';
import { JobsHub } from './hub';
import { JobLogDocuments, LOG_SCHEME } from './logs';
import { JobTaskProvider, TASK_KINDS } from './tasks';
import { JobsTree } from './tree';

export interface Jobs {
  readonly hub: JobsHub;
  readonly tree: JobsTree;
}

/** The window's jobs feature, made on first use. */
export const jobsOf = perWindow((ctx): Jobs => {
  const hub = new JobsHub(ctx);
  return { hub, tree: new JobsTree(hub) };
});

/** Registers the Jobs view, the task types and the log documents. */
export function registerJobs(ctx: Ctx): vscode.Disposable {
  const { hub, tree } = jobsOf(ctx);
  const view = vscode.window.createTreeView('mlops.jobs', { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  const logs = new JobLogDocuments(hub);
  const provider = new JobTaskProvider(hub);
  return vscode.Disposable.from(
    view,
    tree,
    logs,
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logs),
    ...Object.keys(TASK_KINDS).map((type) => vscode.tasks.registerTaskProvider(type, provider)),
    hub,
  );
}

/** Cancels the local jobs this window supervises (from deactivate, which the host waits for). */
export async function shutdownJobs(ctx: Ctx): Promise<void> {
  await jobsOf.existing(ctx)?.hub.shutdown();
}
