import * as vscode from 'vscode';
import { registerCommands } from './commands/index';
import { Ctx } from './ctx';
import { registerGpu } from './gpu/index';
import { registerJobs, shutdownJobs } from './jobs/index';
import { registerRegistry } from './registry/index';
import { createStatusItem } from './statusItem';

/** The window's context, so deactivate can stop the local jobs it supervises. */
let active: Ctx | undefined;

/** Entry point: builds the context, registers the features, starts the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('MLOps Workbench', { log: true });
  const ctx = new Ctx(context, log);
  active = ctx;
  context.subscriptions.push(log, ctx, registerCommands(ctx), createStatusItem(ctx), registerJobs(ctx), registerGpu(ctx), registerRegistry(ctx));
  try {
    await ctx.start();
    log.info('MLOps Workbench activated');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`MLOps Workbench could not start its language server: ${message}`, 'Show Output').then((choice) => {
      if (choice === 'Show Output') log.show();
    });
  }
}

export async function deactivate(): Promise<void> {
  // Local jobs this window supervises would lose their supervisor: cancel them (the host waits).
  // Disposables in context.subscriptions stop the server.
  if (active !== undefined) await shutdownJobs(active);
}
