import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './util';

describe('commands', () => {
  it('contributes every command it registers, under the MLOps category', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const contributed = (ext.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is registered`);
      assert.equal(c.category, 'MLOps');
    }
  });

  it('restarts the language server and gets a new process', async () => {
    const before = await vscode.commands.executeCommand<{ pid: number; version: string }>('mlops.showVersion');
    await vscode.commands.executeCommand('mlops.restartServer');
    const after = await vscode.commands.executeCommand<{ pid: number; version: string }>('mlops.showVersion');
    assert.notEqual(after.pid, before.pid);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(after.version, (ext?.packageJSON as { version: string }).version);
  });
});
