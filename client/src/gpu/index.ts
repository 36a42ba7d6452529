// The GPU feature of a window: the monitor, the status bar item, the dashboard panel (one at a
// time, restored after a window reload). Commands reach it through gpuOf(ctx).
import * as vscode from 'vscode';
import type { FromDashboard, GpuSourceSpec, ToDashboard } from '../../../protocol';
import type { Ctx } from '../ctx';
import { perWindow } from '../perWindow';
import { HostedWebview, openWebview, registerWebviewRestorer } from '../webview/panel';
import { DASHBOARD_VIEW_TYPE, GpuDashboard, dashboardSpec } from './dashboard';
import { GpuMonitor } from './monitor';
import { createGpuStatusItem } from './status';

export interface Gpu {
  readonly monitor: GpuMonitor;
  dashboard: GpuDashboard | undefined;
}

/** The window's GPU feature, made on first use. */
export const gpuOf = perWindow((ctx): Gpu => ({ monitor: new GpuMonitor(ctx), dashboard: undefined }));

function adopt(ctx: Ctx, gpu: Gpu, view: HostedWebview<FromDashboard, ToDashboard>): GpuDashboard {
  const dashboard = new GpuDashboard(ctx, gpu.monitor, view);
  gpu.dashboard = dashboard;
  view.onDidDispose(() => {
    if (gpu.dashboard === dashboard) gpu.dashboard = undefined;
  });
  return dashboard;
}

/** Opens the dashboard (or shows the open one); with a spec, switches it to that source. */
export async function showDashboard(ctx: Ctx, spec?: GpuSourceSpec, column?: vscode.ViewColumn): Promise<GpuDashboard> {
  const gpu = gpuOf(ctx);
  let dashboard = gpu.dashboard;
  if (dashboard === undefined) {
    dashboard = adopt(ctx, gpu, openWebview<FromDashboard, ToDashboard>(dashboardSpec(ctx), ctx.extension.extensionUri, column));
  } else {
    dashboard.reveal();
  }
  if (spec !== undefined) await gpu.monitor.use(spec);
  return dashboard;
}

/** Registers the monitor, the status bar item and the dashboard's restorer. */
export function registerGpu(ctx: Ctx): vscode.Disposable {
  const gpu = gpuOf(ctx);
  const { monitor } = gpu;
  let background: vscode.Disposable | undefined;
  // mlops.gpu.statusBar keeps the monitor running without the dashboard, for the status bar.
  const followSetting = (): void => {
    const on = vscode.workspace.getConfiguration('mlops.gpu').get<boolean>('statusBar') === true;
    if (on && background === undefined) background = monitor.hold();
    if (!on && background !== undefined) {
      background.dispose();
      background = undefined;
    }
  };
  followSetting();
  return vscode.Disposable.from(
    createGpuStatusItem(monitor),
    registerWebviewRestorer(DASHBOARD_VIEW_TYPE, (panel) => {
      gpu.dashboard?.dispose();
      adopt(ctx, gpu, new HostedWebview<FromDashboard, ToDashboard>(panel, dashboardSpec(ctx), ctx.extension.extensionUri));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlops.gpu.statusBar')) followSetting();
      // A new tool path or interval: start the source again with it.
      const restart = ['intervalMs', 'nvidiaSmiPath', 'samplerPath'].some((key) => e.affectsConfiguration(`mlops.gpu.${key}`));
      if (restart && monitor.state.kind !== 'idle') void monitor.use(monitor.savedSpec());
    }),
    {
      dispose: () => {
        background?.dispose();
        gpu.dashboard?.dispose();
      },
    },
    monitor,
  );
}
