import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchesGlob } from './glob';

/**
 * Which schema a document names, before its content decides: a modeline in its first comment
 * lines (ours, `# mlops: schema=<path-or-URL>`, or yaml-language-server's
 * `# yaml-language-server: $schema=<path-or-URL>`), then the `mlops.schemas` setting (schema
 * -> glob or globs, shaped like yaml-language-server's `yaml.schemas`). Content (apiVersion/kind)
 * and the file name come after, in the engine.
 */
export interface SchemaChoice {
  /** An absolute file path, or an http(s) URL. */
  readonly ref: string;
  readonly origin: 'modeline' | 'settings';
}

const MODELINE = /^#\s*(?:mlops:\s*schema=|yaml-language-server:\s*\$schema=)(\S+)/;

/** The modeline of a document: its comment lines before any content, and the `---` that opens it. */
export function modeline(chunkText: string): string | undefined {
  for (const line of chunkText.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t === '---' || t.startsWith('%')) continue;
    if (!t.startsWith('#')) return undefined;
    const m = MODELINE.exec(t);
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/** The file path of a path or file: URI; undefined for other schemes. */
export function pathOf(fileName: string): string | undefined {
  if (fileName.startsWith('file:')) {
    try {
      return fileURLToPath(fileName);
    } catch {
      return undefined;
    }
  }
  return /^[a-z][\w+.-]*:/i.test(fileName) ? undefined : resolve(fileName);
}

/** A schema reference as written, made absolute: URLs stay, paths resolve from `base` (a folder). */
export function resolveRef(ref: string, base: string | undefined): string {
  if (/^https?:\/\//.test(ref)) return ref;
  if (ref.startsWith('file:')) return fileURLToPath(ref);
  return isAbsolute(ref) || base === undefined ? resolve(ref) : resolve(base, ref);
}

/** The first workspace folder as a path, which relative setting paths start from. */
export function rootPath(folders: readonly string[]): string | undefined {
  for (const f of folders) {
    const p = pathOf(f);
    if (p !== undefined) return p;
  }
  return undefined;
}

export class SchemaAssociations {
  private settings: readonly { ref: string; globs: readonly string[] }[] = [];
  private roots: readonly string[] = [];

  /** `schemas`: the setting's value; `roots`: workspace folders (URIs or paths), which relative schema paths start from. */
  configure(schemas: unknown, roots: readonly string[]): void {
    this.roots = roots.map((r) => pathOf(r)).filter((r): r is string => r !== undefined);
    const base = this.roots[0];
    const out: { ref: string; globs: readonly string[] }[] = [];
    if (typeof schemas === 'object' && schemas !== null && !Array.isArray(schemas)) {
      for (const [ref, globs] of Object.entries(schemas as Record<string, unknown>)) {
        const list = typeof globs === 'string' ? [globs] : Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string') : [];
        if (list.length > 0) out.push({ ref: resolveRef(ref, base), globs: list });
      }
    }
    this.settings = out;
  }

  /** The schema a document names by modeline or settings, if any. */
  choose(fileName: string, chunkText: string): SchemaChoice | undefined {
    const path = pathOf(fileName);
    const named = modeline(chunkText);
    if (named !== undefined) return { ref: resolveRef(named, path === undefined ? undefined : dirname(path)), origin: 'modeline' };
    if (path === undefined) return undefined;
    const slashed = path.split('\\').join('/');
    const hit = this.settings.find((s) => s.globs.some((g) => matchesGlob(g, slashed, this.roots)));
    return hit === undefined ? undefined : { ref: hit.ref, origin: 'settings' };
  }
}

export { pathToFileURL };
