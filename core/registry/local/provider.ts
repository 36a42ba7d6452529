// The `local` registry: a folder in MLflow's file-store layout (see layout.ts), read as MLflow reads
// it and written as MLflow writes it, with every write atomic (see atomic.ts and write.ts).
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Listing, ModelStage, ModelVersion, RegisteredModel, RegistryProblem } from '../../../protocol';
import { describeSource } from '../digest';
import { canonicalStage, checkAlias, checkArchiveExisting, checkModelName, checkTagKey, checkVersion } from '../names';
import { RegistryError, type RegisterVersionInput, type RegistryProvider } from '../provider';
import { removeFile, tempPath, writeFileAtomic } from './atomic';
import { DELETED_STAGE, entries, modelDir, modelsDir, readAliases, readModel, readVersion, versionDir, versionNumbers, type StoredVersion } from './layout';
import { createModelFolder, publishVersion, sweepTemps, updateMeta, type BeforePublish } from './write';

export interface LocalRegistryOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** What relative sources are resolved against. */
  readonly cwd?: string;
  /** Runs once a new version's temp folder is complete, before it is renamed into place. */
  readonly beforePublish?: BeforePublish;
}

export class LocalRegistry implements RegistryProvider {
  readonly label: string;
  private readonly now: () => number;
  private readonly cwd: string;

  constructor(readonly root: string, private readonly options: LocalRegistryOptions = {}) {
    this.label = `local:${root}`;
    this.now = options.now ?? Date.now;
    this.cwd = options.cwd ?? process.cwd();
  }

  async listModels(filter?: string): Promise<Listing<RegisteredModel>> {
    await this.checkRoot();
    const items: RegisteredModel[] = [];
    const problems: RegistryProblem[] = [];
    const needle = filter?.trim().toLowerCase() ?? '';
    const folders = (await entries(modelsDir(this.root))).filter((e) => e.isDirectory() && !e.name.startsWith('.tmp-')).map((e) => e.name);
    for (const folder of folders.filter((f) => f.toLowerCase().includes(needle)).sort()) {
      const read = await readModel(this.root, folder);
      if (read.ok) items.push(read.value);
      else problems.push(read.problem);
      problems.push(...(await readAliases(modelDir(this.root, folder), folder)).problems);
    }
    return { items, problems };
  }

  async getModel(name: string): Promise<RegisteredModel> {
    await this.mustExist(name);
    const read = await readModel(this.root, name);
    if (!read.ok) throw new RegistryError(`${read.problem.where}: ${read.problem.reason}.`, 'io');
    return read.value;
  }

  async createModel(name: string, description?: string): Promise<RegisteredModel> {
    checkModelName(name);
    await this.checkRoot();
    await createModelFolder(this.root, name, description ?? null, this.now());
    return this.getModel(name);
  }

  async listVersions(name: string): Promise<Listing<ModelVersion>> {
    await this.mustExist(name);
    const { aliases, problems } = await readAliases(modelDir(this.root, name), name);
    const items: ModelVersion[] = [];
    for (const n of (await versionNumbers(modelDir(this.root, name))).sort((a, b) => b - a)) {
      const read = await readVersion(this.root, name, n, aliases);
      if (!read.ok) problems.push(read.problem);
      else if (!read.value.deleted) items.push(read.value.version);
    }
    return { items, problems };
  }

  async getVersion(name: string, version: string): Promise<ModelVersion> {
    return (await this.stored(name, version)).version;
  }

  async registerVersion(input: RegisterVersionInput): Promise<ModelVersion> {
    checkModelName(input.name);
    for (const key of Object.keys(input.tags ?? {})) checkTagKey(key);
    await this.checkRoot();
    const { source, tags } = await describeSource(input.source, this.cwd);
    const now = this.now();
    await createModelFolder(this.root, input.name, null, now);
    await sweepTemps(modelDir(this.root, input.name), now);
    const number = await publishVersion(
      this.root,
      input.name,
      (version) => ({
        aliases: [],
        creation_timestamp: now,
        current_stage: 'None',
        description: input.description ?? null,
        last_updated_timestamp: now,
        name: input.name,
        run_id: input.runId ?? null,
        run_link: input.runLink ?? null,
        source,
        status: 'READY',
        status_message: null,
        storage_location: source,
        user_id: null,
        version,
      }),
      { ...(input.tags ?? {}), ...tags },
      this.options.beforePublish,
    );
    await this.touch(input.name, now);
    return this.getVersion(input.name, String(number));
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    checkAlias(alias);
    await this.stored(name, version);
    await writeFileAtomic(join(modelDir(this.root, name), 'aliases', alias), version, modelDir(this.root, name));
    await this.touch(name);
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    checkAlias(alias);
    await this.mustExist(name);
    if (await removeFile(join(modelDir(this.root, name), 'aliases', alias))) await this.touch(name);
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    checkAlias(alias);
    const model = await this.getModel(name);
    const version = model.aliases[alias];
    if (version === undefined) throw new RegistryError(`Model '${name}' has no alias '${alias}'${Object.keys(model.aliases).length === 0 ? '' : ` (it has: ${Object.keys(model.aliases).join(', ')})`}.`, 'not-found');
    return this.getVersion(name, version);
  }

  async transitionStage(name: string, version: string, stage: ModelStage, archiveExisting = false): Promise<ModelVersion> {
    const target = canonicalStage(stage);
    checkArchiveExisting(target, archiveExisting);
    await this.stored(name, version);
    const now = this.now();
    if (archiveExisting) {
      for (const other of (await this.listVersions(name)).items) {
        if (other.version !== version && other.currentStage === target) await updateMeta(this.metaOf(name, other.version), { current_stage: 'Archived', last_updated_timestamp: now });
      }
    }
    await updateMeta(this.metaOf(name, version), { current_stage: target, last_updated_timestamp: now });
    await this.touch(name, now);
    return this.getVersion(name, version);
  }

  async updateVersion(name: string, version: string, change: { readonly description?: string }): Promise<ModelVersion> {
    await this.stored(name, version);
    if (change.description !== undefined) await updateMeta(this.metaOf(name, version), { description: change.description, last_updated_timestamp: this.now() });
    return this.getVersion(name, version);
  }

  async setVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    checkTagKey(key);
    await this.stored(name, version);
    const dir = versionDir(this.root, name, version);
    await writeFileAtomic(join(dir, 'tags', ...key.split('/')), value, dir);
    await this.touch(name);
  }

  async deleteVersionTag(name: string, version: string, key: string): Promise<void> {
    checkTagKey(key);
    await this.stored(name, version);
    if (await removeFile(join(versionDir(this.root, name, version), 'tags', ...key.split('/')))) await this.touch(name);
  }

  async setModelTag(name: string, key: string, value: string): Promise<void> {
    checkTagKey(key);
    await this.mustExist(name);
    await writeFileAtomic(join(modelDir(this.root, name), 'tags', ...key.split('/')), value, modelDir(this.root, name));
    await this.touch(name);
  }

  async deleteModelTag(name: string, key: string): Promise<void> {
    checkTagKey(key);
    await this.mustExist(name);
    if (await removeFile(join(modelDir(this.root, name), 'tags', ...key.split('/')))) await this.touch(name);
  }

  async updateModel(name: string, change: { readonly description?: string }): Promise<RegisteredModel> {
    await this.mustExist(name);
    if (change.description !== undefined) await updateMeta(join(modelDir(this.root, name), 'meta.yaml'), { description: change.description, last_updated_timestamp: this.now() });
    return this.getModel(name);
  }

  /** MLflow's soft delete: the folder stays, its stage becomes Deleted_Internal, its aliases go. */
  async deleteVersion(name: string, version: string): Promise<void> {
    const { version: v } = await this.stored(name, version);
    const now = this.now();
    await updateMeta(this.metaOf(name, version), { current_stage: DELETED_STAGE, last_updated_timestamp: now });
    for (const alias of v.aliases) await removeFile(join(modelDir(this.root, name), 'aliases', alias));
    await this.touch(name, now);
  }

  /** The whole model, versions and all (as MLflow does): renamed out of sight first, then removed. */
  async deleteModel(name: string): Promise<void> {
    await this.mustExist(name);
    const gone = tempPath(modelsDir(this.root), 'deleted');
    await rename(modelDir(this.root, name), gone);
    await rm(gone, { recursive: true, force: true });
  }

  private metaOf(name: string, version: string): string {
    return join(versionDir(this.root, name, version), 'meta.yaml');
  }

  private async stored(name: string, version: string): Promise<StoredVersion> {
    checkVersion(version);
    await this.mustExist(name);
    const { aliases } = await readAliases(modelDir(this.root, name), name);
    const read = await readVersion(this.root, name, Number(version), aliases);
    if (read.ok && !read.value.deleted) return read.value;
    if (read.ok || !(await isDir(versionDir(this.root, name, version)))) throw new RegistryError(`Model '${name}' has no version ${version}. Run 'mlops models versions ${name}' to see its versions.`, 'not-found');
    throw new RegistryError(`${read.problem.where}: ${read.problem.reason}.`, 'io');
  }

  private async mustExist(name: string): Promise<void> {
    checkModelName(name);
    await this.checkRoot();
    if (!(await isDir(modelDir(this.root, name)))) throw new RegistryError(`No model named '${name}' in ${this.label}. Run 'mlops models list' to see the models, or register a version to create it.`, 'not-found');
  }

  private async checkRoot(): Promise<void> {
    try {
      if (!(await stat(this.root)).isDirectory()) throw new RegistryError(`The registry ${this.root} is a file, not a folder: point the registry setting (or --registry) at a folder.`, 'invalid');
    } catch (e) {
      if (e instanceof RegistryError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new RegistryError(`Cannot read the registry ${this.root}: ${(e as Error).message}`, 'io');
    }
  }

  /** The model's last_updated_timestamp, as MLflow moves it on every change (best effort: a bad meta.yaml is reported by the listing). */
  private async touch(name: string, now = this.now()): Promise<void> {
    try {
      await updateMeta(join(modelDir(this.root, name), 'meta.yaml'), { last_updated_timestamp: now });
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e;
    }
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
