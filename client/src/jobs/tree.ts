// The Jobs view: every job of the store (local, Slurm, Kubernetes), newest first, with its ranks or
// pods as children. It reads the store again when the store changes, asks the clusters about live
// jobs every few seconds, and ticks the elapsed time of running jobs.
import * as vscode from 'vscode';
import type { JobPart, JobRecord } from '../../../protocol';
import { isFinal } from '../../../core/jobs/backend';
import { describeJob, jobContext, jobLabel, jobTooltip, stateIcon } from './format';
import type { JobsHub } from './hub';

export interface JobNode {
  readonly type: 'job';
  job: JobRecord;
}

export interface PartNode {
  readonly type: 'part';
  readonly job: JobRecord;
  readonly part: JobPart;
}

export type JobsNode = JobNode | PartNode;

/** Ticks of the timer between two cluster status queries. */
const CLUSTER_EVERY = 5;

export class JobsTree implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<JobsNode | JobsNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** One node per job id, so a change can name the nodes it touches. */
  private readonly nodes = new Map<string, JobNode>();
  /** The pods (or tasks) the last cluster status query found, per job. */
  private readonly parts = new Map<string, readonly JobPart[]>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private polling = false;
  private readonly subscription: vscode.Disposable;
  /** The view, to show store errors in its message. */
  view: vscode.TreeView<JobsNode> | undefined;

  constructor(private readonly hub: JobsHub) {
    this.subscription = hub.onDidChange(() => {
      this.refresh();
    });
  }

  refresh(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    if (node.type === 'part') return this.partItem(node);
    const { job } = node;
    const hasChildren = job.backend === 'local' ? (job.ranks ?? 0) > 1 : (this.parts.get(job.id)?.length ?? 0) > 0 || (job.backend === 'kubernetes' && !isFinal(job.state));
    const item = new vscode.TreeItem(jobLabel(job), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `job:${job.id}`;
    item.description = describeJob(job);
    item.tooltip = jobTooltip(job);
    item.iconPath = stateIcon(job.state);
    item.contextValue = jobContext(job);
    return item;
  }

  private partItem(node: PartNode): vscode.TreeItem {
    const { job, part } = node;
    const item = new vscode.TreeItem(part.name, vscode.TreeItemCollapsibleState.None);
    item.id = `part:${job.id}:${part.name}`;
    const extra = [part.role, part.restarts ? `${part.restarts} restarts` : undefined, part.node].filter((x) => x !== undefined && x !== '');
    item.description = [part.phase, ...extra].join(' · ');
    item.iconPath = new vscode.ThemeIcon(job.backend === 'local' ? 'symbol-number' : 'server-process');
    item.contextValue = `part ${job.backend}`;
    item.command = { command: 'mlops.openJobLogs', title: 'Open Logs', arguments: [node] };
    return item;
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (node?.type === 'part') return [];
    if (node !== undefined) return this.children(node.job);
    let jobs: JobRecord[];
    try {
      jobs = await this.hub.service.list();
      if (this.view !== undefined) this.view.message = '';
    } catch (e) {
      if (this.view !== undefined) this.view.message = (e as Error).message;
      return [];
    }
    const seen = new Set<string>();
    const nodes = jobs.map((job) => {
      seen.add(job.id);
      const existing = this.nodes.get(job.id);
      if (existing !== undefined) {
        existing.job = job;
        return existing;
      }
      const created: JobNode = { type: 'job', job };
      this.nodes.set(job.id, created);
      return created;
    });
    for (const id of [...this.nodes.keys()]) {
      if (seen.has(id)) continue;
      this.nodes.delete(id);
      this.parts.delete(id);
    }
    this.schedule();
    return nodes;
  }

  private async children(job: JobRecord): Promise<PartNode[]> {
    if (job.backend === 'local') {
      return Array.from({ length: job.ranks ?? 0 }, (_, rank): PartNode => ({ type: 'part', job, part: { name: `rank ${rank}`, rank, phase: job.state } }));
    }
    if (!this.parts.has(job.id)) await this.query(job);
    return (this.parts.get(job.id) ?? []).map((part): PartNode => ({ type: 'part', job, part }));
  }

  /** Asks the cluster about a job; the store update wakes the view through the hub. */
  private async query(job: JobRecord): Promise<void> {
    try {
      const { parts } = await this.hub.service.refresh(job.id, job.backend);
      if (parts.length > 0 || !this.parts.has(job.id)) this.parts.set(job.id, parts);
      this.warned.delete(job.id);
    } catch (e) {
      if (!this.warned.has(job.id)) this.hub.ctx.log.warn(`Status of ${job.id}: ${(e as Error).message}`);
      this.warned.add(job.id);
    }
  }

  /** Runs the timer while any job is live: elapsed time every second, cluster status every 5 s. */
  private schedule(): void {
    const live = [...this.nodes.values()].some((n) => !isFinal(n.job.state));
    if (live && this.timer === undefined) {
      this.timer = setInterval(() => void this.tick(), 1000);
    } else if (!live && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async tick(): Promise<void> {
    const live = [...this.nodes.values()].filter((n) => !isFinal(n.job.state));
    const running = live.filter((n) => n.job.startedAt !== undefined);
    if (running.length > 0) this.emitter.fire(running);
    this.ticks++;
    if (this.ticks % CLUSTER_EVERY !== 0 || this.polling) return;
    this.polling = true;
    try {
      await Promise.all(live.filter((n) => n.job.backend !== 'local').map((n) => this.query(n.job)));
    } finally {
      this.polling = false;
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
