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

/** `mlops lint --format sarif`: the SARIF 2.1.0 subset we write (one run, one tool). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly columnKind: 'utf16CodeUnits';
  readonly results: readonly SarifResult[];
}

export interface SarifDriver {
  readonly name: string;
  readonly version: string;
  readonly rules: readonly SarifRule[];
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
}

/** SARIF has no `info` or `hint`: both are `note`. */
export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      /** 1-based; the end column is that of the character after the region. */
      readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
    };
  }[];
}
