import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { crdCommands } from './crds';
import { gpuCommands } from './gpu';
import { jobCommands } from './jobs';
import { nativeCommands } from './native';
import { registryCommands } from './registry';
import { serverCommands } from './server';
import type { CommandTable } from './types';

/** Registers every command of every feature. Feature files each export their table. */
export function registerCommands(ctx: Ctx): vscode.Disposable {
  const tables: readonly CommandTable[] = [serverCommands, crdCommands, jobCommands, gpuCommands, nativeCommands, registryCommands];
  const disposables = tables.flatMap((table) =>
    Object.entries(table).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx))),
  );
  return vscode.Disposable.from(...disposables);
}
