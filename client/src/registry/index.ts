// The model registry feature of a window: the hub (provider and store watcher), the Models view,
// and the versions sent to the language server for storageUri completion. Commands reach it
// through registryOf(ctx).
import * as vscode from 'vscode';
import type { RegistryModelsMethod, RegistryModelsParams, RegistryVersionHint } from '../../../protocol';
import { deployableUri, modelFormat } from '../../../core/registry/deploy';
import type { RegistryProvider } from '../../../core/registry/provider';
import type { Ctx } from '../ctx';
import { perWindow } from '../perWindow';
import { RegistryHub } from './hub';
import { RegistryTree, type RegistryNode } from './tree';

export interface Registry {
  readonly hub: RegistryHub;
  readonly tree: RegistryTree;
}

const REGISTRY_MODELS: RegistryModelsMethod = 'mlops/registryModels';
/** At most this many models' versions go to the server (a large MLflow server is not read whole). */
const MAX_MODELS = 200;

/** The window's registry feature, made on first use. */
export const registryOf = perWindow((ctx): Registry => {
  const hub = new RegistryHub(ctx);
  return { hub, tree: new RegistryTree(hub) };
});

/** The versions of a registry as completion offers them; versions KServe cannot download are left out. */
export async function versionHints(provider: RegistryProvider): Promise<RegistryVersionHint[]> {
  const hints: RegistryVersionHint[] = [];
  for (const model of (await provider.listModels()).items.slice(0, MAX_MODELS)) {
    for (const v of (await provider.listVersions(model.name)).items) {
      let uri: string;
      try {
        uri = deployableUri(v);
      } catch {
        continue;
      }
      hints.push({ name: v.name, version: v.version, uri, aliases: v.aliases, stage: v.currentStage, format: modelFormat(v).name });
    }
  }
  return hints;
}

/** Sends the registry's versions to the language server (after each change, and when it starts). */
async function sendVersions(ctx: Ctx, hub: RegistryHub): Promise<void> {
  try {
    const provider = await hub.registry();
    const params: RegistryModelsParams = { registry: provider.label, versions: await versionHints(provider) };
    ctx.notify(REGISTRY_MODELS, params);
  } catch (e) {
    // The view shows the same error; completion just offers nothing.
    ctx.log.debug(`Registry versions not sent to the language server: ${(e as Error).message}`);
  }
}

/** Registers the Models view and keeps the language server's versions current. */
export function registerRegistry(ctx: Ctx): vscode.Disposable {
  const { hub, tree } = registryOf(ctx);
  const view = vscode.window.createTreeView<RegistryNode>('mlops.models', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.view = view;
  const send = (): void => {
    void sendVersions(ctx, hub);
  };
  send();
  return vscode.Disposable.from(view, tree, hub.onDidChange(send), ctx.onDidChangeServer(send), hub);
}
