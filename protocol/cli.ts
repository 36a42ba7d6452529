/** The JSON that `mlops lint --format json` prints: an array of these. */

/** Severity words shared by the CLI's text and JSON output. */
export type CliSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One finding of `mlops lint`. Positions are 1-based; the end is exclusive (LSP style). */
export interface CliDiagnostic {
  /** The file as given on the command line, or joined to the folder that was given. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: CliSeverity;
  /** Stable rule code, such as `MLW0001`. */
  readonly code: string;
  readonly message: string;
}
