// The GPU dashboard's host: holds the monitor while the panel is open, sends the page the source,
// the recent samples on every `ready`, then new samples batched (one message per BATCH_MS at
// most), and answers the page: another source, CSV export, the empty state's buttons.
import * as vscode from 'vscode';
import type { DashboardAction, FromDashboard, GpuSample, ToDashboard } from '../../../protocol';
import type { Ctx } from '../ctx';
import type { HostedWebview, WebviewSpec } from '../webview/panel';
import { assertNever } from '../webview/validate';
import { samplesToCsv } from './history';
import { validateFromDashboard } from './messages';
import { KEEP_MS, type GpuMonitor, type MonitorState } from './monitor';
import { pickSource } from './pick';

export const DASHBOARD_VIEW_TYPE = 'mlops.gpuDashboard';

/** How long new samples are gathered before they go to the page in one message. */
const BATCH_MS = 50;
/** At most this many samples per GPU go to a page that (re)loads. */
const REPLAY_PER_GPU = 3000;
const EMPTY_ACTIONS: readonly DashboardAction[] = ['pickPrometheus', 'pickSlurmJob', 'retry', 'openSettings'];

export function dashboardSpec(ctx: Ctx): WebviewSpec<FromDashboard> {
  return { viewType: DASHBOARD_VIEW_TYPE, title: 'GPU Dashboard', bundle: 'gpu', validate: validateFromDashboard, log: ctx.log };
}

/** What the page shows for a state of the monitor. */
export function stateMessage(state: MonitorState): ToDashboard {
  switch (state.kind) {
    case 'empty':
      return { type: 'empty', reason: state.reason, actions: EMPTY_ACTIONS };
    case 'source':
      return { type: 'source', source: state.source };
    case 'detecting':
      return { type: 'source', source: { label: 'Looking for GPUs on this machine…', kind: null, state: 'starting', message: null } };
    case 'idle':
      return { type: 'source', source: { label: 'No source', kind: null, state: 'stopped', message: null } };
  }
}

export class GpuDashboard implements vscode.Disposable {
  private pending: GpuSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly ctx: Ctx, private readonly monitor: GpuMonitor, readonly view: HostedWebview<FromDashboard, ToDashboard>) {
    this.disposables = [
      monitor.hold(),
      monitor.onSamples((samples) => {
        this.queue(samples);
      }),
      monitor.onState((state) => {
        if (state.kind !== 'source' || state.source.state === 'starting') this.dropPending(true);
        view.post(stateMessage(state));
      }),
    ];
    view.onMessage((message) => this.receive(message));
    view.onDidDispose(() => {
      this.dispose();
    });
  }

  private queue(samples: readonly GpuSample[]): void {
    if (!this.view.isReady) return;
    this.pending.push(...samples);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = this.pending;
      this.pending = [];
      if (batch.length > 0) this.view.post({ type: 'samples', samples: batch, replace: false });
    }, BATCH_MS);
  }

  /** Forgets the samples not sent yet; with `replace`, tells the page to forget its own. */
  private dropPending(replace: boolean): void {
    this.pending = [];
    if (replace) this.view.post({ type: 'samples', samples: [], replace: true });
  }

  private async receive(message: FromDashboard): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The page starts from nothing: the source, then what the history holds.
        this.pending = [];
        this.view.post(stateMessage(this.monitor.state));
        this.view.post({ type: 'samples', samples: this.monitor.history.since(Date.now() - KEEP_MS, null, null, REPLAY_PER_GPU), replace: true });
        return;
      case 'invalid':
        this.ctx.log.warn(`GPU dashboard: the page refused a message: ${message.error}`);
        return;
      case 'pickSource':
        return this.switchSource(message.kind);
      case 'exportCsv':
        return this.exportCsv(message.windowMs, message.host, message.index);
      case 'action':
        return this.act(message.action);
      default:
        assertNever(message);
    }
  }

  private async act(action: DashboardAction): Promise<void> {
    switch (action) {
      case 'pickPrometheus':
        return this.switchSource('prometheus');
      case 'pickSlurmJob':
        return this.switchSource('slurm');
      case 'retry':
        return this.monitor.use('auto');
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'mlops.gpu');
        return;
      default:
        assertNever(action);
    }
  }

  async switchSource(kind: 'local' | 'prometheus' | 'slurm' | null): Promise<void> {
    const spec = await pickSource(this.ctx, kind);
    if (spec !== undefined) await this.monitor.use(spec);
  }

  private async exportCsv(windowMs: number, host: string | null, index: number | null): Promise<void> {
    const samples = this.monitor.history.since(Date.now() - windowMs, host, index);
    if (samples.length === 0) {
      void vscode.window.showInformationMessage('MLOps: no GPU samples in that time window to export yet.');
      return;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `gpu-${stamp}.csv`;
    const target = await vscode.window.showSaveDialog({
      title: 'Export GPU Samples as CSV',
      ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, name) }),
      filters: { CSV: ['csv'] },
    });
    if (target === undefined) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(samplesToCsv(samples)));
    this.ctx.log.info(`GPU dashboard: wrote ${samples.length} samples to ${target.fsPath}`);
    void vscode.window.showInformationMessage(`MLOps: saved ${samples.length} GPU samples to ${vscode.workspace.asRelativePath(target)}.`);
  }

  reveal(): void {
    this.view.panel.reveal();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.view.dispose();
  }
}
