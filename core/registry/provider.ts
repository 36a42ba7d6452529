// The one interface both registry providers implement: `local` (a folder in MLflow's file-store
// layout) and `mlflow` (a tracking server's REST API). The sidebar, the commands and the CLI talk
// only to this.
import type { Listing, ModelStage, ModelVersion, RegisteredModel } from '../../protocol';

/** What registering a new version records. */
export interface RegisterVersionInput {
  readonly name: string;
  /** The model files' URI or path, as a deployment would load them. */
  readonly source: string;
  readonly runId?: string;
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** A link to the run that produced it (MLflow's `run_link`). */
  readonly runLink?: string;
}

/** Tags that registering a local file or folder records: its sha256 (hex) and its size in bytes. */
export const SHA256_TAG = 'mlops.sha256';
export const SIZE_TAG = 'mlops.size';

/** Thrown for anything the user must act on: a missing model, a bad name, authentication, network. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'invalid' | 'conflict' | 'auth' | 'network' | 'server' | 'io',
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface RegistryProvider {
  /** `local:/path/to/registry` or the server URL: what the tree and the CLI show. */
  readonly label: string;
  listModels(filter?: string): Promise<Listing<RegisteredModel>>;
  getModel(name: string): Promise<RegisteredModel>;
  /** Creates the registered model if it is new. */
  createModel(name: string, description?: string): Promise<RegisteredModel>;
  /** Versions of one model, newest first; soft-deleted ones are left out. */
  listVersions(name: string): Promise<Listing<ModelVersion>>;
  getVersion(name: string, version: string): Promise<ModelVersion>;
  /**
   * Allocates the next version number atomically (two processes at once get distinct ones). A source
   * that is a local file or folder (a path or a file: URI) gets the SHA256_TAG and SIZE_TAG tags.
   */
  registerVersion(input: RegisterVersionInput): Promise<ModelVersion>;
  setAlias(name: string, alias: string, version: string): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
  transitionStage(name: string, version: string, stage: ModelStage, archiveExisting?: boolean): Promise<ModelVersion>;
  updateVersion(name: string, version: string, change: { readonly description?: string }): Promise<ModelVersion>;
  setVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  deleteVersionTag(name: string, version: string, key: string): Promise<void>;
  setModelTag(name: string, key: string, value: string): Promise<void>;
  deleteModelTag(name: string, key: string): Promise<void>;
  updateModel(name: string, change: { readonly description?: string }): Promise<RegisteredModel>;
  /** The version an alias points at. */
  getVersionByAlias(name: string, alias: string): Promise<ModelVersion>;
  /** Soft-delete: the version disappears from listings (MLflow's file store marks it deleted). */
  deleteVersion(name: string, version: string): Promise<void>;
  deleteModel(name: string): Promise<void>;
}
