/**
 * The model version comparison webview: two (or more) versions side by side, their metadata, tags
 * and metrics, one row per field with whether the versions differ in it.
 */
import type { WebviewInvalid, WebviewReady } from './webviews';

/** One compared version: the column header. */
export interface CompareColumn {
  readonly name: string;
  readonly version: string;
  readonly aliases: readonly string[];
}

/** One field across the versions: `null` where a version has no value. */
export interface CompareRow {
  readonly key: string;
  readonly values: readonly (string | null)[];
  /** Whether the values are not all the same. */
  readonly differs: boolean;
}

export interface CompareSection {
  readonly title: string;
  readonly rows: readonly CompareRow[];
  /** Where the section's values came from (`run metrics from mlruns/0/abc...`), or why it is empty. */
  readonly note: string;
}

/** Host to page. */
export type ToCompare = {
  readonly type: 'comparison';
  readonly registry: string;
  readonly columns: readonly CompareColumn[];
  readonly sections: readonly CompareSection[];
} | {
  /** The versions could not be read again (a version was deleted, the server is unreachable). */
  readonly type: 'error';
  readonly message: string;
};

/** Page to host: `deploy` asks for the KServe manifest of the version in that column. */
export type FromCompare = WebviewReady | WebviewInvalid | { readonly type: 'deploy'; readonly column: number };
