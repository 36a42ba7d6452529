import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** A path to lint, or a folder that could not be listed. */
export type WalkEntry = { readonly path: string } | { readonly path: string; readonly error: string };

/**
 * Expands the command line's paths: files are taken as they are, folders are walked for the
 * files `accept` names (symbolic links to folders are not followed, so a loop cannot hang us).
 * Paths keep the form the user gave, joined to what the walk found. Order is stable.
 */
export function expandPaths(paths: readonly string[], accept: (name: string) => boolean): WalkEntry[] {
  const out: WalkEntry[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) walkDir(p, accept, out);
    else out.push({ path: p });
  }
  return out;
}

function walkDir(dir: string, accept: (name: string) => boolean, out: WalkEntry[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ path: dir, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkDir(full, accept, out);
    } else if (accept(entry.name)) {
      out.push({ path: full });
    }
  }
}
