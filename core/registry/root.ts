// Where the `local` registry lives, and which provider a registry string names.
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalRegistry, type LocalRegistryOptions } from './local/provider';
import { MlflowRegistry, type MlflowRegistryOptions } from './mlflow/provider';
import { RegistryError, type RegistryProvider } from './provider';

/** The workspace's own registry folder, created on the first write. */
export const DEFAULT_REGISTRY_DIR = join('.mlops', 'registry');

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The local registry's folder for a workspace: the setting when there is one (relative to the
 * workspace), else `.mlops/registry` when it exists, else an existing MLflow `mlruns` folder (its
 * models/ shows as it is), else `.mlops/registry` (made on the first registration).
 */
export async function resolveRegistryRoot(workspace: string, setting?: string): Promise<string> {
  if (setting !== undefined && setting.trim() !== '') {
    const s = setting.trim();
    return s.startsWith('file:') ? fileURLToPath(s) : isAbsolute(s) ? s : resolve(workspace, s);
  }
  const own = join(workspace, DEFAULT_REGISTRY_DIR);
  if (await isDir(own)) return own;
  const mlruns = join(workspace, 'mlruns');
  if (await isDir(mlruns)) return mlruns;
  return own;
}

/** An http(s) URL names an MLflow server; `databricks` and other schemes are not ours. */
export function isServerUrl(registry: string): boolean {
  return /^https?:\/\//i.test(registry.trim());
}

export interface OpenRegistryOptions {
  /** What a relative folder is resolved against (the workspace, or the CLI's working directory). */
  readonly cwd: string;
  readonly local?: LocalRegistryOptions;
  readonly mlflow?: Omit<MlflowRegistryOptions, 'url'>;
}

/**
 * The provider for a registry string: a folder (path or file: URI) or an MLflow server's URL;
 * none (or empty) means the workspace's default folder (resolveRegistryRoot).
 */
export async function openRegistry(registry: string | undefined, options: OpenRegistryOptions): Promise<RegistryProvider> {
  const r = registry?.trim() ?? '';
  if (isServerUrl(r)) return new MlflowRegistry({ ...options.mlflow, url: r });
  if (/^[a-z][a-z0-9+.-]+:/i.test(r) && !r.startsWith('file:')) {
    throw new RegistryError(`Unsupported registry '${r}': give a folder (MLflow's file store layout) or an MLflow server's http(s):// URL.`, 'invalid');
  }
  return new LocalRegistry(await resolveRegistryRoot(options.cwd, r), { cwd: options.cwd, ...options.local });
}
