import * as vscode from 'vscode';
import { registerCommands } from './commands/index';
import { Ctx } from './ctx';
import { createStatusItem } from './statusItem';

/** Entry point: builds the context, registers the features, starts the server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('MLOps Workbench', { log: true });
  const ctx = new Ctx(context, log);
  context.subscriptions.push(log, ctx, registerCommands(ctx), createStatusItem(ctx));
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

export function deactivate(): void {
  // Disposables in context.subscriptions stop the server.
}
