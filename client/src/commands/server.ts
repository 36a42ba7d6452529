import * as vscode from 'vscode';
import type { ServerInfoResult } from '../../../protocol';
import type { CommandTable } from './types';

/** Commands about the language server itself. */
export const serverCommands: CommandTable = {
  'mlops.showServerOutput': (ctx) => () => {
    ctx.log.show(true);
  },
  'mlops.restartServer': (ctx) => async () => {
    await ctx.restart();
    void vscode.window.showInformationMessage('MLOps language server restarted.');
  },
  'mlops.showVersion': (ctx) => async (): Promise<ServerInfoResult> => {
    const info = await ctx.serverInfo();
    const extVersion = (ctx.extension.extension.packageJSON as { version?: string }).version ?? 'unknown';
    void vscode.window.showInformationMessage(
      `MLOps Workbench ${extVersion}: language server ${info.version} running (pid ${info.pid}), ${info.openDocuments.length} open document(s).`,
    );
    return info;
  },
};
