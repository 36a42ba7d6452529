// Workspace trust and launch errors: nothing launches in an untrusted workspace, and a failed
// launch says what went wrong (a missing tool says what to install).
import * as vscode from 'vscode';
import { ToolMissingError } from '../../../core/process';
import type { Ctx } from '../ctx';

export function untrustedMessage(): string {
  return 'MLOps: jobs do not launch in an untrusted workspace. Trust this workspace first (Workspaces: Manage Workspace Trust).';
}

/** True when the workspace is trusted; otherwise says how to trust it and returns false. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(untrustedMessage(), 'Manage Workspace Trust').then((choice) => {
    if (choice !== undefined) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** Logs a failed job action and shows its message. */
export async function showLaunchError(ctx: Ctx, e: unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  ctx.log.error(message);
  const title = e instanceof ToolMissingError ? `MLOps: ${e.tool} is missing. ${message}` : `MLOps: ${message}`;
  const choice = await vscode.window.showErrorMessage(title, 'Show Output');
  if (choice === 'Show Output') ctx.log.show(true);
}
