// The `mlflow` registry: a tracking server's model registry over REST API 2.0
// (/api/2.0/mlflow/registered-models/... and /model-versions/...). The server allocates version
// numbers itself, so registering from two places at once is the server's to serialize.
import type { Listing, ModelStage, ModelVersion, RegisteredModel, RegistryProblem } from '../../../protocol';
import { describeSource } from '../digest';
import { canonicalStage, checkAlias, checkArchiveExisting, checkModelName, checkTagKey, checkVersion } from '../names';
import { RegistryError, type RegisterVersionInput, type RegistryProvider } from '../provider';
import { toModel, toVersion, type Converted } from './convert';
import { MlflowHttp, type Fields, type MlflowHttpOptions } from './http';

export interface MlflowRegistryOptions extends MlflowHttpOptions {
  /** max_results of each search page (MLflow's default for models is 100). */
  readonly pageSize?: number;
  /** What relative sources are resolved against before hashing. */
  readonly cwd?: string;
}

const MAX_PAGES = 10_000;

/** `name = '...'` for MLflow's search filter, quoted so that the name's own quotes survive. */
function nameFilter(name: string): string {
  if (!name.includes("'")) return `name = '${name}'`;
  if (!name.includes('"')) return `name = "${name}"`;
  throw new RegistryError(`MLflow's search cannot filter on a name holding both ' and ": rename the model '${name}'.`, 'invalid');
}

export class MlflowRegistry implements RegistryProvider {
  readonly label: string;
  private readonly http: MlflowHttp;
  private readonly pageSize: number;

  constructor(private readonly options: MlflowRegistryOptions) {
    this.http = new MlflowHttp(options);
    this.label = this.http.base;
    this.pageSize = options.pageSize ?? 100;
  }

  /** Every page of a search, following next_page_token. */
  private async search<T>(endpoint: string, key: string, fields: Fields, convert: (v: unknown) => Converted<T>): Promise<Listing<T>> {
    const items: T[] = [];
    const problems: RegistryProblem[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.http.call('GET', endpoint, { ...fields, max_results: this.pageSize, page_token: token });
      const list = body[key] ?? [];
      if (!Array.isArray(list)) throw new RegistryError(`${this.label} answered ${endpoint} without a list of ${key}: is it an MLflow server?`, 'server');
      for (const v of list) {
        const c = convert(v);
        if (c.ok) items.push(c.value);
        else problems.push({ where: `${this.label}/api/2.0/mlflow/${endpoint}`, reason: c.reason });
      }
      const next = body['next_page_token'];
      if (typeof next !== 'string' || next === '') return { items, problems };
      if (seen.has(next)) throw new RegistryError(`${this.label} sent the same page token twice on ${endpoint}: its pagination is broken; see the server's log.`, 'server');
      seen.add(next);
      token = next;
    }
    throw new RegistryError(`${endpoint} on ${this.label} had more than ${MAX_PAGES} pages: narrow the filter.`, 'server');
  }

  private one<T>(body: Record<string, unknown>, key: string, convert: (v: unknown) => Converted<T>): T {
    const c = convert(body[key]);
    if (!c.ok) throw new RegistryError(`${this.label} sent ${key} that cannot be read: ${c.reason}.`, 'server');
    return c.value;
  }

  async listModels(filter?: string): Promise<Listing<RegisteredModel>> {
    const f = filter?.trim() ?? '';
    if (f.includes("'")) throw new RegistryError("A filter cannot hold ' (MLflow's search quotes with it).", 'invalid');
    const listing = await this.search('registered-models/search', 'registered_models', { filter: f === '' ? undefined : `name ILIKE '%${f}%'` }, toModel);
    return { items: [...listing.items].sort((a, b) => a.name.localeCompare(b.name)), problems: listing.problems };
  }

  async getModel(name: string): Promise<RegisteredModel> {
    return this.one(await this.http.call('GET', 'registered-models/get', { name: checkModelName(name) }), 'registered_model', toModel);
  }

  async createModel(name: string, description?: string): Promise<RegisteredModel> {
    try {
      return this.one(await this.http.call('POST', 'registered-models/create', { name: checkModelName(name), description }), 'registered_model', toModel);
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'conflict') return this.getModel(name);
      throw e;
    }
  }

  async listVersions(name: string): Promise<Listing<ModelVersion>> {
    const listing = await this.search('model-versions/search', 'model_versions', { filter: nameFilter(checkModelName(name)) }, toVersion);
    // An empty answer for a model that does not exist: say so, as the local registry does.
    if (listing.items.length === 0 && listing.problems.length === 0) await this.getModel(name);
    return { items: [...listing.items].sort((a, b) => Number(b.version) - Number(a.version)), problems: listing.problems };
  }

  async getVersion(name: string, version: string): Promise<ModelVersion> {
    return this.one(await this.http.call('GET', 'model-versions/get', { name: checkModelName(name), version: checkVersion(version) }), 'model_version', toVersion);
  }

  async registerVersion(input: RegisterVersionInput): Promise<ModelVersion> {
    checkModelName(input.name);
    for (const key of Object.keys(input.tags ?? {})) checkTagKey(key);
    const { source, tags } = await describeSource(input.source, this.options.cwd ?? process.cwd());
    await this.createModel(input.name);
    const all = Object.entries({ ...(input.tags ?? {}), ...tags }).map(([key, value]) => ({ key, value }));
    const body = await this.http.call('POST', 'model-versions/create', { name: input.name, source, run_id: input.runId, run_link: input.runLink, description: input.description, tags: all.length === 0 ? undefined : all });
    return this.one(body, 'model_version', toVersion);
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.http.call('POST', 'registered-models/alias', { name: checkModelName(name), alias: checkAlias(alias), version: checkVersion(version) });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.http.call('DELETE', 'registered-models/alias', { name: checkModelName(name), alias: checkAlias(alias) });
  }

  async getVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    return this.one(await this.http.call('GET', 'registered-models/alias', { name: checkModelName(name), alias: checkAlias(alias) }), 'model_version', toVersion);
  }

  async transitionStage(name: string, version: string, stage: ModelStage, archiveExisting = false): Promise<ModelVersion> {
    const target = canonicalStage(stage);
    checkArchiveExisting(target, archiveExisting);
    const body = await this.http.call('POST', 'model-versions/transition-stage', { name: checkModelName(name), version: checkVersion(version), stage: target, archive_existing_versions: archiveExisting });
    return this.one(body, 'model_version', toVersion);
  }

  async updateVersion(name: string, version: string, change: { readonly description?: string }): Promise<ModelVersion> {
    if (change.description === undefined) return this.getVersion(name, version);
    const body = await this.http.call('PATCH', 'model-versions/update', { name: checkModelName(name), version: checkVersion(version), description: change.description });
    return this.one(body, 'model_version', toVersion);
  }

  async setVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.http.call('POST', 'model-versions/set-tag', { name: checkModelName(name), version: checkVersion(version), key: checkTagKey(key), value });
  }

  async deleteVersionTag(name: string, version: string, key: string): Promise<void> {
    await this.http.call('DELETE', 'model-versions/delete-tag', { name: checkModelName(name), version: checkVersion(version), key: checkTagKey(key) });
  }

  async setModelTag(name: string, key: string, value: string): Promise<void> {
    await this.http.call('POST', 'registered-models/set-tag', { name: checkModelName(name), key: checkTagKey(key), value });
  }

  async deleteModelTag(name: string, key: string): Promise<void> {
    await this.http.call('DELETE', 'registered-models/delete-tag', { name: checkModelName(name), key: checkTagKey(key) });
  }

  async updateModel(name: string, change: { readonly description?: string }): Promise<RegisteredModel> {
    if (change.description === undefined) return this.getModel(name);
    return this.one(await this.http.call('PATCH', 'registered-models/update', { name: checkModelName(name), description: change.description }), 'registered_model', toModel);
  }

  async deleteVersion(name: string, version: string): Promise<void> {
    await this.http.call('DELETE', 'model-versions/delete', { name: checkModelName(name), version: checkVersion(version) });
  }

  async deleteModel(name: string): Promise<void> {
    await this.http.call('DELETE', 'registered-models/delete', { name: checkModelName(name) });
  }
}
