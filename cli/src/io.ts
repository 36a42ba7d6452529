/** Where the CLI writes; injected so tests can capture it without a process. */
export interface CliIo {
  /** The version the CLI reports (in `--version` and SARIF). */
  readonly version: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A usage problem: the message says what to do; the CLI exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
