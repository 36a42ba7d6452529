import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, exampleUri, ours, waitForDiagnostics } from './util';

describe('activation', () => {
  it('activates when a manifest of examples/ opens, and the server validates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    const uri = exampleUri('training/pytorchjob-2gpu.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    // Activation is triggered by onLanguage:yaml; wait for it through the API, not a sleep.
    await ext.activate();
    assert.equal(ext.isActive, true);
    const info = await vscode.commands.executeCommand<{ openDocuments: string[] }>('mlops.showVersion');
    assert.ok(info.openDocuments.includes(uri.toString()), `server holds ${uri.toString()}: ${JSON.stringify(info.openDocuments)}`);
    assert.deepEqual(ours(vscode.languages.getDiagnostics(uri)), [], 'a valid manifest has no diagnostics');
    await waitForDiagnostics(uri, (d) => ours(d).length === 0);
  });
});
