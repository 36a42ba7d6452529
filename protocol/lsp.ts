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
export interface ServerInitOptions {
  /** Milliseconds to wait after the last edit before validating (the server may adapt it). */
  readonly debounceMs?: number;
}
