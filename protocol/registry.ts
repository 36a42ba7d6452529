/**
 * The model registry: registered models and their versions as MLflow's model registry names them
 * (the file store's meta.yaml fields and the REST API's JSON fields are the same words), what
 * `mlops models ... --format json` prints, and what the sidebar shows.
 */

/** MLflow's legacy stages. */
export type ModelStage = 'None' | 'Staging' | 'Production' | 'Archived';

/** MLflow's ModelVersionStatus. */
export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface RegisteredModel {
  readonly name: string;
  /** Milliseconds since the Unix epoch. */
  readonly creationTimestamp: number;
  readonly lastUpdatedTimestamp: number;
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Alias to version number (as a string, as MLflow keeps it). */
  readonly aliases: Readonly<Record<string, string>>;
}

export interface ModelVersion {
  readonly name: string;
  /** The version number as a string (MLflow's REST API sends strings). */
  readonly version: string;
  readonly creationTimestamp: number;
  readonly lastUpdatedTimestamp: number;
  readonly currentStage: ModelStage;
  readonly description: string;
  /** Where the model's files are (the storage URI a deployment loads). */
  readonly source: string;
  readonly runId: string;
  readonly status: ModelVersionStatus;
  readonly statusMessage: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The aliases that point at this version. */
  readonly aliases: readonly string[];
  /** Where the registry resolved the source to (MLflow's `storage_location`), when it differs or is known. */
  readonly storageLocation?: string;
  /** A link to the run that produced it (MLflow's `run_link`). */
  readonly runLink?: string;
  /** Who registered it (MLflow's `user_id`). */
  readonly userId?: string;
}

/**
 * Something in the store that could not be read (a malformed meta.yaml, a version folder without
 * one): shown as an error node with the reason, never as a broken tree.
 */
export interface RegistryProblem {
  /** The file or URL that was bad. */
  readonly where: string;
  readonly reason: string;
  /** The model (and version) it belongs to, when known. */
  readonly model?: string;
  readonly version?: string;
}

/** A listing with what could not be read beside what could. */
export interface Listing<T> {
  readonly items: readonly T[];
  readonly problems: readonly RegistryProblem[];
}

/** `mlops models list --format json`. */
export interface CliModelList {
  /** The registry's label: `local:/path` or the server URL. */
  readonly registry: string;
  readonly models: readonly RegisteredModel[];
  readonly problems: readonly RegistryProblem[];
}

/** `mlops models versions NAME --format json`: newest first, soft-deleted ones left out. */
export interface CliVersionList {
  readonly registry: string;
  readonly model: string;
  readonly versions: readonly ModelVersion[];
  readonly problems: readonly RegistryProblem[];
}

/** `mlops models alias ... --format json`: `version` is null when the alias was removed. */
export interface CliAliasChange {
  readonly registry: string;
  readonly name: string;
  readonly alias: string;
  readonly version: string | null;
}

/** `mlops models tag ... --format json`: `version` is null for a model tag, `value` null when removed. */
export interface CliTagChange {
  readonly registry: string;
  readonly name: string;
  readonly version: string | null;
  readonly key: string;
  readonly value: string | null;
}

/** `mlops models delete ... --format json`: a version (soft-deleted) or the whole model. */
export interface CliDeletion {
  readonly registry: string;
  readonly name: string;
  readonly version?: string;
}
