// "MLOps: Build Native Workloads": builds native/ through core/native (make, through
// core/process), with progress and cancellation, its output in the "MLOps Native Build" channel,
// and a summary that says what was built and what was skipped, and why.
import * as vscode from 'vscode';
import type { NativeBuildReport } from '../../../protocol';
import { buildNative, describeReport } from '../../../core/native/build';
import { run } from '../../../core/process';
import type { Ctx } from '../ctx';
import { requireTrust } from '../jobs/trust';
import { nativeBuildDir, nativeSourceDir } from './paths';

let channel: vscode.OutputChannel | undefined;

function output(ctx: Ctx): vscode.OutputChannel {
  if (channel === undefined) {
    channel = vscode.window.createOutputChannel('MLOps Native Build');
    ctx.extension.subscriptions.push(channel);
  }
  return channel;
}

/** Builds every variant this machine can build; resolves with the report (undefined when not trusted). */
export async function buildNativeWorkloads(ctx: Ctx): Promise<NativeBuildReport | undefined> {
  if (!requireTrust()) return undefined;
  const out = output(ctx);
  const outDir = nativeBuildDir(ctx);
  out.clear();
  out.show(true);
  out.appendLine(`Building ${nativeSourceDir(ctx)} into ${outDir}`);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'MLOps: building the native workloads', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => {
        abort.abort();
      });
      try {
        return await buildNative({
          run,
          env: process.env,
          signal: abort.signal,
          srcDir: nativeSourceDir(ctx),
          outDir,
          log: (line) => {
            out.appendLine(line);
            if (line.startsWith('building ')) progress.report({ message: line.slice('building '.length) });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  const lines = describeReport(report);
  out.appendLine('');
  for (const line of lines) out.appendLine(line);
  ctx.log.info(`Native build: ${lines.join('; ')}`);
  const built = report.variants.map((v) => `${v.build}/${v.mpi}`).join(', ') || 'nothing';
  const skipped = report.skipped.length === 0 ? '' : ` Skipped: ${report.skipped.map((s) => s.what).join(', ')} (see the output for why).`;
  const show = (choice: string | undefined): void => {
    if (choice === 'Show Output') out.show();
  };
  if (report.failed.length > 0) {
    void vscode.window.showErrorMessage(`MLOps: the native build failed for ${report.failed.map((f) => f.what).join(', ')}. Built: ${built}.${skipped}`, 'Show Output').then(show);
  } else {
    void vscode.window.showInformationMessage(`MLOps: built ${built}.${skipped}`, 'Show Output').then(show);
  }
  return report;
}
