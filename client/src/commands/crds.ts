import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { contextFileName, fetchClusterCrds } from '../../../core/clusterCrds';
import type { CommandTable } from './types';

/** Where the cluster's CRDs are cached, one file per kubectl context. */
export function clusterCrdDir(storage: vscode.Uri): string {
  return join(storage.fsPath, 'cluster-crds');
}

/** Commands about user CRDs. */
export const crdCommands: CommandTable = {
  /** Runs `kubectl get crd -o json` in the current context, caches it, and gives the server those kinds. */
  'mlops.loadClusterCrds': (ctx) => async (): Promise<{ context: string; count: number; file: string } | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('MLOps: loading CRDs from the cluster runs kubectl; trust this workspace first.');
      return undefined;
    }
    const kubectl = vscode.workspace.getConfiguration('mlops').get<string>('kubectl.path') ?? 'kubectl';
    try {
      const got = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'MLOps: reading the cluster\'s CRDs (kubectl get crd)', cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => {
            abort.abort();
          });
          return fetchClusterCrds(kubectl, { signal: abort.signal });
        },
      );
      const dir = clusterCrdDir(ctx.extension.globalStorageUri);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, contextFileName(got.context));
      writeFileSync(file, got.json);
      await ctx.extension.workspaceState.update('mlops.clusterCrdFile', file);
      ctx.sendSettings();
      ctx.log.info(`Loaded ${String(got.count)} CRDs from context ${got.context} into ${file}`);
      void vscode.window.showInformationMessage(`MLOps: ${String(got.count)} CRD(s) from context ${got.context} now validate and complete like built-in kinds.`);
      return { context: got.context, count: got.count, file };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      ctx.log.error(`Loading CRDs from the cluster failed: ${message}`);
      void vscode.window.showErrorMessage(`MLOps: ${message}`);
      return undefined;
    }
  },
};
