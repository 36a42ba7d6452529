import * as vscode from 'vscode';
import type { ModelStage } from '../../../protocol';
import { checkAlias, checkTagKey } from '../../../core/registry/names';
import type { RegistryProvider } from '../../../core/registry/provider';
import type { Ctx } from '../ctx';
import { deployVersion } from '../registry/deployFile';
import { openCompare } from '../registry/compare';
import { TOKEN_KEY } from '../registry/hub';
import { registryOf } from '../registry/index';
import { isRegistryNode, modelOfNode, pickVersionOf, versionOfNode, versionOrPick } from '../registry/pick';
import type { CommandTable } from './types';

/** Runs a registry action on the provider; a failure is shown with what to do, never thrown at the command service. */
function action(run: (ctx: Ctx, provider: RegistryProvider, arg: unknown, all: unknown) => Promise<unknown>) {
  return (ctx: Ctx) => async (arg?: unknown, all?: unknown): Promise<unknown> => {
    const { hub } = registryOf(ctx);
    try {
      const result = await run(ctx, await hub.registry(), arg, all);
      hub.changed();
      return result;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      ctx.log.error(`Model registry: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  };
}

/** An input box whose value `check` accepts (it throws a RegistryError saying why not). */
function askChecked(title: string, prompt: string, check: (value: string) => unknown, value = ''): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    value,
    validateInput: (v) => {
      try {
        check(v.trim());
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
}

async function pickAlias(aliases: readonly string[], title: string): Promise<string | undefined> {
  if (aliases.length === 0) throw new Error('This version has no alias to remove.');
  if (aliases.length === 1) return aliases[0];
  return vscode.window.showQuickPick([...aliases], { title, placeHolder: 'Alias' });
}

const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

/** A registered model's name for a new version: an existing one or a new one. */
async function askModelName(provider: RegistryProvider, file: vscode.Uri): Promise<string | undefined> {
  const models = (await provider.listModels()).items.map((m) => m.name);
  const stem = file.path.split('/').pop()?.replace(/\.[^.]+$/, '') ?? 'model';
  const NEW = '$(add) New model...';
  const picked = models.length === 0 ? NEW : await vscode.window.showQuickPick([NEW, ...models], { title: 'Register as Model Version', placeHolder: `The registered model that ${stem} is a version of` });
  if (picked !== NEW) return picked;
  return askChecked('Register as Model Version', 'Name of the new registered model', (v) => {
    if (v === '') throw new Error('Give the model a name.');
  }, stem);
}

/** Commands of the Models view, its context menus, the Explorer and the palette. */
export const registryCommands: CommandTable = {
  'mlops.refreshModels': (ctx) => () => {
    registryOf(ctx).hub.changed();
  },

  'mlops.filterModels': (ctx) => async () => {
    const { tree } = registryOf(ctx);
    const text = await vscode.window.showInputBox({ title: 'Filter Models', prompt: 'Part of a model name, alias or tag (key=value); empty shows all', value: tree.filter });
    if (text !== undefined) tree.filter = text;
  },

  'mlops.clearModelsFilter': (ctx) => () => {
    registryOf(ctx).tree.filter = '';
  },

  'mlops.registerModelVersion': action(async (ctx, provider, arg) => {
    let file = arg instanceof vscode.Uri ? arg : undefined;
    if (file === undefined) {
      const chosen = await vscode.window.showOpenDialog({ title: 'Register as Model Version', canSelectFiles: true, canSelectFolders: true, canSelectMany: false, openLabel: 'Register' });
      file = chosen?.[0];
    }
    if (file === undefined) return undefined;
    const name = await askModelName(provider, file);
    if (name === undefined) return undefined;
    const version = await provider.registerVersion({ name: name.trim(), source: file.scheme === 'file' ? file.fsPath : file.toString() });
    ctx.log.info(`Registered ${version.name} version ${version.version} from ${version.source}`);
    void vscode.window.showInformationMessage(`Registered ${version.name} version ${version.version}.`);
    return version;
  }),

  'mlops.setModelAlias': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Set Alias');
    if (v === undefined) return;
    const alias = await askChecked(`Set Alias of ${v.name} version ${v.version}`, 'Alias (for example champion); it moves here from any other version', checkAlias);
    if (alias === undefined) return;
    await provider.setAlias(v.name, alias.trim(), v.version);
  }),

  'mlops.removeModelAlias': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Remove Alias');
    if (v === undefined) return;
    const alias = await pickAlias(v.aliases, `Remove Alias of ${v.name} version ${v.version}`);
    if (alias !== undefined) await provider.deleteAlias(v.name, alias);
  }),

  'mlops.transitionModelStage': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Transition Stage');
    if (v === undefined) return;
    const items = STAGES.filter((s) => s !== v.currentStage).map((label) => ({ label }));
    const stage = (await vscode.window.showQuickPick(items, { title: `Stage of ${v.name} version ${v.version} (now ${v.currentStage})` }))?.label;
    if (stage === undefined) return;
    let archive = false;
    if (stage === 'Staging' || stage === 'Production') {
      const choice = await vscode.window.showQuickPick(['Keep the other versions in their stages', `Archive the other ${stage} versions`], { title: `Move ${v.name} version ${v.version} to ${stage}` });
      if (choice === undefined) return;
      archive = choice.startsWith('Archive');
    }
    await provider.transitionStage(v.name, v.version, stage, archive);
  }),

  'mlops.editModelVersionDescription': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Edit Description');
    if (v === undefined) return;
    const description = await vscode.window.showInputBox({ title: `Description of ${v.name} version ${v.version}`, value: v.description });
    if (description !== undefined) await provider.updateVersion(v.name, v.version, { description });
  }),

  'mlops.setModelVersionTag': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Set Tag');
    if (v === undefined) return;
    const entry = await askChecked(`Set Tag of ${v.name} version ${v.version}`, 'key=value (an existing key gets the new value)', (s) => {
      const at = s.indexOf('=');
      if (at <= 0) throw new Error('Write the tag as key=value, for example framework=sklearn.');
      checkTagKey(s.slice(0, at).trim());
    });
    if (entry === undefined) return;
    const at = entry.indexOf('=');
    await provider.setVersionTag(v.name, v.version, entry.slice(0, at).trim(), entry.slice(at + 1).trim());
  }),

  'mlops.removeModelVersionTag': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Remove Tag');
    if (v === undefined) return;
    const fromRow = isRegistryNode(arg) && arg.type === 'detail' && arg.row.key.startsWith('tag:') ? arg.row.key.slice(4) : undefined;
    const keys = Object.keys(v.tags);
    if (fromRow === undefined && keys.length === 0) throw new Error(`${v.name} version ${v.version} has no tags.`);
    const key = fromRow ?? (await vscode.window.showQuickPick(keys, { title: `Remove Tag of ${v.name} version ${v.version}` }));
    if (key !== undefined) await provider.deleteVersionTag(v.name, v.version, key);
  }),

  'mlops.deleteModelVersion': action(async (_ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Delete Version');
    if (v === undefined) return;
    const aliases = v.aliases.length === 0 ? '' : ` Its aliases (${v.aliases.join(', ')}) are removed.`;
    const choice = await vscode.window.showWarningMessage(`Delete ${v.name} version ${v.version}? It disappears from the registry; its files stay where they are.${aliases}`, { modal: true }, 'Delete');
    if (choice === 'Delete') await provider.deleteVersion(v.name, v.version);
  }),

  'mlops.compareModelVersions': action(async (ctx, provider, arg, all) => {
    const selected = (Array.isArray(all) ? all : []).map(versionOfNode).filter((v) => v !== undefined);
    let [left, right] = selected.length >= 2 ? selected : [versionOfNode(arg), undefined];
    left ??= await versionOrPick(provider, arg, 'Compare Versions');
    if (left === undefined) return;
    right ??= await pickVersionOf(provider, modelOfNode(arg) ?? left.name, `Compare ${left.name} version ${left.version} with`, left.version);
    if (right === undefined) return;
    await openCompare(ctx, provider, [left, right]);
  }),

  'mlops.deployModelVersion': action(async (ctx, provider, arg) => {
    const v = await versionOrPick(provider, arg, 'Deploy as KServe InferenceService');
    return v === undefined ? undefined : deployVersion(ctx, v, provider.label);
  }),

  'mlops.setMlflowToken': (ctx) => async () => {
    const token = await vscode.window.showInputBox({ title: 'MLflow Token', prompt: 'The bearer token of the MLflow server (kept in VS Code\'s secret storage); empty removes it', password: true, ignoreFocusOut: true });
    if (token === undefined) return;
    if (token.trim() === '') await ctx.extension.secrets.delete(TOKEN_KEY);
    else await ctx.extension.secrets.store(TOKEN_KEY, token.trim());
    void vscode.window.showInformationMessage(token.trim() === '' ? 'The MLflow token is removed.' : 'The MLflow token is stored in VS Code\'s secret storage.');
  },
};
