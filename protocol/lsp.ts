/** Custom LSP methods of the MLOps language server. Names follow `mlops/verbNoun`. */

/** `mlops/serverInfo`: what the running server is and what it holds. No parameters. */
export type ServerInfoMethod = 'mlops/serverInfo';

/** Result of {@link ServerInfoMethod}. */
export interface ServerInfoResult {
  /** The server's version (the extension's package.json version). */
  readonly version: string;
  /** Process id of the server, so a client can tell a restarted server from the old one. */
  readonly pid: number;
  /** URIs of the documents the server currently holds open. */
  readonly openDocuments: readonly string[];
}

/** Options the client passes in `initializationOptions`. */
export interface ServerInitOptions extends ServerSettings {
  /** The longest wait after the last edit before validating (25 ms by default); a document whose checks are quicker waits only as long as its last check took. */
  readonly debounceMs?: number;
  /** A folder where the server may keep fetched schemas across sessions. */
  readonly cacheDir?: string;
}

/**
 * The settings the server reads: sent in `initializationOptions` and again, under `mlops`, in
 * `workspace/didChangeConfiguration` when they change.
 */
export interface ServerSettings {
  /** `mlops.schemas`: schema path or URL -> glob or globs of the files it applies to. */
  readonly schemas?: Readonly<Record<string, string | readonly string[]>>;
  /** `mlops.crds` and the cluster's cached CRDs: files or folders of CRD YAML or JSON, whose kinds then validate like built-in ones. */
  readonly crds?: readonly string[];
}

/** A quick fix carried in a diagnostic's `data`, made by the server when it validates. */
export interface DiagnosticFix {
  readonly title: string;
  readonly edits: readonly { readonly range: LspRange; readonly newText: string }[];
}

/** The `data` of our diagnostics: the server reads it back in `textDocument/codeAction`. */
export interface DiagnosticData {
  readonly fix?: DiagnosticFix;
}

/** An LSP range (zero-based lines and UTF-16 characters, end exclusive). */
export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * `mlops/fileErrors`: the errors the server finds in a file (open or on disk), so the client can
 * refuse to submit a manifest that would fail at `kubectl apply`.
 */
export type FileErrorsMethod = 'mlops/fileErrors';

export interface FileErrorsParams {
  readonly uri: string;
}

export interface FileErrorsResult {
  /** `line:column code message`, 1-based, one per error. */
  readonly errors: readonly string[];
}

/** The argument of the `mlops.launchJob` command that the server's "Launch" code lenses carry. */
export interface LaunchLensArgs {
  readonly uri: string;
  readonly backend: 'slurm' | 'kubernetes';
  /** The kind of the job document (`PyTorchJob`), or `batch script`. */
  readonly kind: string;
}

/**
 * `mlops/registryModels` (client to server notification): the registered versions the client's
 * registry knows, sent again whenever the registry changes, so completion inside a KServe
 * storageUri offers them. Each replaces the last.
 */
export type RegistryModelsMethod = 'mlops/registryModels';

export interface RegistryModelsParams {
  /** The registry's label (`local:/path` or the server URL). */
  readonly registry: string;
  readonly versions: readonly RegistryVersionHint[];
}

/** One version as completion offers it. */
export interface RegistryVersionHint {
  readonly name: string;
  readonly version: string;
  /** The URI KServe downloads it from (the source, or the storage location of a `models:/` source). */
  readonly uri: string;
  readonly aliases: readonly string[];
  readonly stage: string;
  /** The KServe model format its tags name (`sklearn`...), or `mlflow`. */
  readonly format: string;
}
