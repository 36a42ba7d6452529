import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { exampleUri, ours, waitForDiagnostics } from './util';

describe('diagnostics', () => {
  it('reports a YAML syntax error of an examples/ file at its line and column', async () => {
    const uri = exampleUri('broken/syntax-error.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = ours(await waitForDiagnostics(uri, (d) => ours(d).length > 0));
    const first = diagnostics[0];
    assert.ok(first);
    assert.equal(first.code, 'MLW0001');
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    // The unclosed flow sequence opens on line 12 (1-based) of the example.
    assert.equal(first.range.start.line + 1, 12, first.message);
  });

  it('updates as the user types and clears once the error is fixed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: v1\nkind: [Pod\n' });
    await vscode.window.showTextDocument(doc);
    const broken = ours(await waitForDiagnostics(doc.uri, (d) => ours(d).length > 0));
    assert.equal(broken[0]?.range.start.line, 1);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(1, 6, 1, 10), 'Pod');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForDiagnostics(doc.uri, (d) => ours(d).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
