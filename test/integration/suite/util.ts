import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mlops-workbench.mlops-workbench';

/** The examples/ folder the host was opened on. */
export function examplesRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need the examples/ folder open as the workspace');
  return folder.uri;
}

export function exampleUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(examplesRoot().fsPath, relative));
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds, checking now and on every
 * diagnostics change (the readiness signal). The timeout only guards against a hang.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!predicate(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${d.message}`);
      reject(new Error(`diagnostics of ${uri.fsPath} did not reach the expected state; now: ${JSON.stringify(now)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Our diagnostics only (other extensions may add their own). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'mlops');
}
