import * as vscode from 'vscode';
import type { Ctx } from './ctx';

/** A status bar entry that shows the language server's state while a YAML or shell-script editor is active. */
export function createStatusItem(ctx: Ctx): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mlops.server', vscode.StatusBarAlignment.Right, 100);
  item.name = 'MLOps Language Server';
  item.command = 'mlops.showServerOutput';
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || !['yaml', 'shellscript'].includes(editor.document.languageId)) {
      item.hide();
      return;
    }
    item.text = ctx.isRunning ? '$(check-all) MLOps' : '$(warning) MLOps';
    item.tooltip = ctx.isRunning
      ? 'MLOps language server is running. Click to show its output.'
      : 'MLOps language server is not running. Click to show its output.';
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    ctx.onDidChangeServer(update),
  );
}
