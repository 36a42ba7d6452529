// "Deploy as KServe InferenceService": writes the manifest of a version into the workspace's
// deploy/ folder, opens it, and asks the language server for its errors (it validates the file as
// it opens: the Problems panel shows the same).
import * as vscode from 'vscode';
import type { ModelVersion } from '../../../protocol';
import { inferenceServiceYaml, serviceName } from '../../../core/registry/deploy';
import type { Ctx } from '../ctx';
import { workspacePath } from './hub';

/** Where the manifest goes: `<workspace>/deploy/<name>-v<version>.yaml`. */
export function manifestUri(version: ModelVersion): vscode.Uri {
  const root = workspacePath();
  if (root === undefined) throw new Error('Open a folder first: the manifest is written into its deploy/ folder.');
  return vscode.Uri.joinPath(vscode.Uri.file(root), 'deploy', `${serviceName(version)}.yaml`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Writes, opens and checks the manifest; returns its URI, or undefined when the user kept an existing file. */
export async function deployVersion(ctx: Ctx, version: ModelVersion, registry: string): Promise<vscode.Uri | undefined> {
  const text = inferenceServiceYaml(version, { registry });
  const uri = manifestUri(version);
  if (await exists(uri)) {
    const current = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (current !== text) {
      const choice = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} exists and differs. Replace it?`, { modal: true }, 'Replace', 'Open Existing');
      if (choice === undefined) return undefined;
      if (choice === 'Replace') await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    }
  } else {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  const { errors } = await ctx.fileErrors(uri.toString());
  const where = vscode.workspace.asRelativePath(uri);
  if (errors.length > 0) {
    void vscode.window.showWarningMessage(`${where}: ${errors.length} problem(s) before it can be applied: ${errors.join('; ')}`);
  } else {
    ctx.log.info(`Deploy: wrote ${where} for ${version.name} version ${version.version}; the language server finds no errors in it.`);
    void vscode.window.setStatusBarMessage(`$(check) ${where}: no problems`, 10_000);
  }
  return uri;
}
