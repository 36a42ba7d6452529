// The GPU status bar item: `GPU 4x 87% 61°C` (how many GPUs, mean utilization, hottest
// temperature) while the monitor runs, a warning when its source fails; a click opens the
// dashboard. Redrawn at most once a second, whatever the sample rate.
import * as vscode from 'vscode';
import type { GpuSample } from '../../../protocol';
import { statusSummary } from './history';
import type { GpuMonitor, MonitorState } from './monitor';

const REDRAW_MS = 1000;

function tooltip(latest: readonly GpuSample[], label: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${label}**\n\n`);
  for (const s of latest) {
    const util = s.utilPct === null ? '–' : `${s.utilPct}%`;
    const mem = s.memUsedMiB === null || s.memTotalMiB === null ? '' : ` · ${(s.memUsedMiB / 1024).toFixed(1)}/${(s.memTotalMiB / 1024).toFixed(0)} GiB`;
    const temp = s.tempC === null ? '' : ` · ${s.tempC}°C`;
    const power = s.powerW === null ? '' : ` · ${Math.round(s.powerW)} W`;
    md.appendMarkdown(`- ${s.host} GPU ${s.index}: ${util}${mem}${temp}${power}\n`);
  }
  md.appendMarkdown('\nClick to open the GPU dashboard.');
  return md;
}

export function createGpuStatusItem(monitor: GpuMonitor): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mlops.gpu', vscode.StatusBarAlignment.Right, 99);
  item.name = 'MLOps GPUs';
  item.command = 'mlops.showGpuDashboard';
  let timer: NodeJS.Timeout | undefined;
  const draw = (): void => {
    const state: MonitorState = monitor.state;
    if (state.kind !== 'source') {
      item.hide();
      return;
    }
    const latest = monitor.history.latest();
    if (state.source.state === 'error') {
      item.text = '$(warning) GPU';
      item.tooltip = `${state.source.label}: ${state.source.message ?? 'failed'}\n\nClick to open the GPU dashboard.`;
    } else {
      item.text = `$(pulse) ${statusSummary(latest)}`;
      item.tooltip = tooltip(latest, state.source.label);
    }
    item.show();
  };
  const soon = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined;
      draw();
    }, REDRAW_MS);
  };
  draw();
  return vscode.Disposable.from(item, monitor.onSamples(soon), monitor.onState(draw), {
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
  });
}
