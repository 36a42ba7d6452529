// Reading MLflow's file-store layout (mlflow/store/model_registry/file_store.py):
//   <root>/models/<name>/meta.yaml             name, creation_timestamp, last_updated_timestamp, description
//   <root>/models/<name>/tags/<key>            the tag's value (keys with '/' are nested folders)
//   <root>/models/<name>/aliases/<alias>       the version number the alias points at
//   <root>/models/<name>/version-<N>/meta.yaml name, version, current_stage, source, run_id, status...
//   <root>/models/<name>/version-<N>/tags/<key>
// Timestamps are milliseconds. A soft-deleted version keeps its folder with current_stage
// `Deleted_Internal`. Whatever cannot be read becomes a RegistryProblem with the reason.
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, YAMLError } from 'yaml';
import type { ModelStage, ModelVersion, ModelVersionStatus, RegisteredModel, RegistryProblem } from '../../../protocol';

export const DELETED_STAGE = 'Deleted_Internal';
const STAGES: readonly string[] = ['None', 'Staging', 'Production', 'Archived'];
const STATUSES: readonly string[] = ['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'];

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: RegistryProblem };

export const modelsDir = (root: string): string => join(root, 'models');
export const modelDir = (root: string, name: string): string => join(root, 'models', name);
export const versionDir = (root: string, name: string, version: string): string => join(root, 'models', name, `version-${version}`);

/** Entries of a folder; a folder that does not exist has none. */
export async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw e;
  }
}

/** Version numbers of a model's `version-<N>` folders, soft-deleted ones included (MLflow never reuses a number). */
export async function versionNumbers(dir: string): Promise<number[]> {
  return (await entries(dir)).flatMap((e) => {
    const m = /^version-([1-9]\d*)$/.exec(e.name);
    return e.isDirectory() && m?.[1] !== undefined ? [Number(m[1])] : [];
  });
}

/** A meta.yaml as a plain map, or why it is not one. PyYAML writes YAML 1.1: it is read as such. */
export async function readMeta(file: string): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'meta.yaml is missing (an interrupted write, or not made by MLflow)' : `meta.yaml cannot be read: ${(e as Error).message}` };
  }
  let data: unknown;
  try {
    data = parse(text, { version: '1.1' });
  } catch (e) {
    const at = e instanceof YAMLError && e.linePos !== undefined ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    const message = ((e as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:$/, '');
    return { ok: false, reason: `meta.yaml is not valid YAML${at}: ${message}` };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'meta.yaml is not a map of fields (it is empty or holds a list or a single value)' };
  return { ok: true, data: data as Record<string, unknown> };
}

/** Files of a `tags/` or `aliases/` folder: relative POSIX path to content. */
async function filesOf(dir: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await entries(dir)) {
    if (e.name.startsWith('.tmp-')) continue;
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of await filesOf(join(dir, e.name), rel)) out.set(k, v);
    else if (e.isFile()) out.set(rel, await readFile(join(dir, e.name), 'utf8'));
  }
  return out;
}

export async function readTags(dir: string): Promise<Record<string, string>> {
  return Object.fromEntries([...(await filesOf(join(dir, 'tags')))].sort(([a], [b]) => a.localeCompare(b)));
}

/** A model's aliases (alias to version); an alias file that does not hold a version number is a problem. */
export async function readAliases(dir: string, model: string): Promise<{ aliases: Record<string, string>; problems: RegistryProblem[] }> {
  const aliases: Record<string, string> = {};
  const problems: RegistryProblem[] = [];
  for (const [alias, text] of await filesOf(join(dir, 'aliases'))) {
    const version = text.trim();
    if (/^[1-9]\d*$/.test(version)) aliases[alias] = version;
    else problems.push({ where: join(dir, 'aliases', alias), reason: `alias '${alias}' does not hold a version number (it holds ${JSON.stringify(text.slice(0, 40))})`, model });
  }
  return { aliases, problems };
}

function str(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function timestamp(data: Record<string, unknown>, key: string): number | undefined {
  const v = data[key];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/** A registered model from its folder. */
export async function readModel(root: string, folder: string): Promise<Read<RegisteredModel>> {
  const dir = modelDir(root, folder);
  const where = join(dir, 'meta.yaml');
  const bad = (reason: string): Read<RegisteredModel> => ({ ok: false, problem: { where, reason, model: folder } });
  const meta = await readMeta(where);
  if (!meta.ok) return bad(meta.reason);
  const created = timestamp(meta.data, 'creation_timestamp');
  if (typeof meta.data['name'] !== 'string') return bad("meta.yaml has no 'name'");
  if (meta.data['name'] !== folder) return bad(`meta.yaml names the model '${meta.data['name']}' but its folder is '${folder}'`);
  if (created === undefined) return bad("meta.yaml has no 'creation_timestamp' (milliseconds since 1970)");
  const { aliases } = await readAliases(dir, folder);
  return { ok: true, value: { name: folder, creationTimestamp: created, lastUpdatedTimestamp: timestamp(meta.data, 'last_updated_timestamp') ?? created, description: str(meta.data, 'description'), tags: await readTags(dir), aliases } };
}

/** What a version folder holds: the version, and whether it was soft-deleted. */
export interface StoredVersion {
  readonly version: ModelVersion;
  readonly deleted: boolean;
}

function optional(data: Record<string, unknown>): Partial<Pick<ModelVersion, 'storageLocation' | 'runLink' | 'userId'>> {
  const out: { storageLocation?: string; runLink?: string; userId?: string } = {};
  if (typeof data['storage_location'] === 'string' && data['storage_location'] !== data['source']) out.storageLocation = data['storage_location'];
  if (typeof data['run_link'] === 'string' && data['run_link'] !== '') out.runLink = data['run_link'];
  if (typeof data['user_id'] === 'string' && data['user_id'] !== '') out.userId = data['user_id'];
  return out;
}

/** One `version-<N>` folder; `aliases` is the model's alias map. */
export async function readVersion(root: string, model: string, number: number, aliases: Readonly<Record<string, string>>): Promise<Read<StoredVersion>> {
  const dir = versionDir(root, model, String(number));
  const where = join(dir, 'meta.yaml');
  const version = String(number);
  const bad = (reason: string): Read<StoredVersion> => ({ ok: false, problem: { where, reason, model, version } });
  const meta = await readMeta(where);
  if (!meta.ok) return bad(meta.reason);
  const d = meta.data;
  const created = timestamp(d, 'creation_timestamp');
  if (created === undefined) return bad("meta.yaml has no 'creation_timestamp' (milliseconds since 1970)");
  if (str(d, 'version') !== version) return bad(`meta.yaml says version ${JSON.stringify(d['version'] ?? null)} but its folder is version-${version}`);
  const stage = d['current_stage'] ?? 'None';
  const deleted = stage === DELETED_STAGE;
  if (!deleted && (typeof stage !== 'string' || !STAGES.includes(stage))) return bad(`meta.yaml has an unknown current_stage ${JSON.stringify(stage)} (MLflow's are ${STAGES.join(', ')})`);
  const status = d['status'] ?? 'READY';
  if (typeof status !== 'string' || !STATUSES.includes(status)) return bad(`meta.yaml has an unknown status ${JSON.stringify(status)}`);
  return {
    ok: true,
    value: {
      deleted,
      version: {
        name: model,
        version,
        creationTimestamp: created,
        lastUpdatedTimestamp: timestamp(d, 'last_updated_timestamp') ?? created,
        currentStage: (deleted ? 'None' : stage) as ModelStage,
        description: str(d, 'description'),
        source: str(d, 'source'),
        runId: str(d, 'run_id'),
        status: status as ModelVersionStatus,
        statusMessage: str(d, 'status_message'),
        tags: await readTags(dir),
        aliases: Object.entries(aliases).filter(([, v]) => v === version).map(([a]) => a).sort(),
        ...optional(d),
      },
    },
  };
}
