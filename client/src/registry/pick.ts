// What a registry command acts on: the view's node it was invoked on, or one the user picks when it
// comes from the palette.
import * as vscode from 'vscode';
import type { ModelVersion } from '../../../protocol';
import type { RegistryProvider } from '../../../core/registry/provider';
import { versionDescription } from './format';
import type { RegistryNode } from './tree';

/** Whether a command argument is one of the Models view's nodes. */
export function isRegistryNode(arg: unknown): arg is RegistryNode {
  if (typeof arg !== 'object' || arg === null || !('type' in arg)) return false;
  const { type } = arg;
  return type === 'model' || type === 'version' || type === 'detail' || type === 'problem';
}

/** The version a node stands for (a version or one of its detail rows). */
export function versionOfNode(arg: unknown): ModelVersion | undefined {
  if (!isRegistryNode(arg)) return undefined;
  return arg.type === 'version' || arg.type === 'detail' ? arg.version : undefined;
}

/** The model a node stands for. */
export function modelOfNode(arg: unknown): string | undefined {
  if (!isRegistryNode(arg)) return undefined;
  if (arg.type === 'model') return arg.model.name;
  return arg.type === 'problem' ? arg.problem.model : arg.version.name;
}

/** Picks a model of the registry; undefined when the user cancels. */
export async function pickModel(provider: RegistryProvider, title: string): Promise<string | undefined> {
  const models = (await provider.listModels()).items;
  if (models.length === 0) throw new Error(`${provider.label} has no registered models yet. Register a version first (Explorer: right-click a model file or folder, "Register as Model Version").`);
  const picked = await vscode.window.showQuickPick(models.map((m) => ({ label: m.name, description: m.description })), { title, placeHolder: 'Model' });
  return picked?.label;
}

/** Picks a version of a model (but `except`); undefined when the user cancels. */
export async function pickVersionOf(provider: RegistryProvider, model: string, title: string, except?: string): Promise<ModelVersion | undefined> {
  const versions = (await provider.listVersions(model)).items.filter((v) => v.version !== except);
  if (versions.length === 0) throw new Error(`${model} has no ${except === undefined ? '' : 'other '}versions in ${provider.label}.`);
  const picked = await vscode.window.showQuickPick(
    versions.map((v) => ({ label: `version ${v.version}`, description: versionDescription(v), version: v })),
    { title, placeHolder: `A version of ${model}` },
  );
  return picked?.version;
}

/** The version of the node the command was invoked on, or one the user picks. */
export async function versionOrPick(provider: RegistryProvider, arg: unknown, title: string): Promise<ModelVersion | undefined> {
  const fromNode = versionOfNode(arg);
  if (fromNode !== undefined) return provider.getVersion(fromNode.name, fromNode.version);
  const model = modelOfNode(arg) ?? (await pickModel(provider, title));
  return model === undefined ? undefined : pickVersionOf(provider, model, title);
}
