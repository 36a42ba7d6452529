import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import type { SchemaNode } from './schemaNav';
import type { KindSchema } from './schemaStore';

/** A schema named by a modeline or the settings: ready, being fetched, or with a problem to report. */
export interface ExternalSchema {
  readonly schema?: KindSchema;
  /** Why it cannot be used, or what is used instead (a cached copy): reported once per document. */
  readonly problem?: string;
}

/** Where the engine gets schemas named by modeline or settings. */
export interface SchemaLoader {
  get(ref: string): ExternalSchema;
}

interface Loaded {
  readonly state: 'ready' | 'pending' | 'failed';
  readonly schema?: KindSchema;
  readonly problem?: string;
}

const OPTIONS = { strict: false, allErrors: true, validateSchema: false, logger: false } as const;
const FETCH_TIMEOUT_MS = 10_000;

function compile(json: unknown): KindSchema {
  const tag = typeof json === 'object' && json !== null ? (json as { $schema?: unknown }).$schema : undefined;
  const declared = typeof tag === 'string' ? tag : '';
  const ajv = declared.includes('2020-12') ? new Ajv2020(OPTIONS) : declared.includes('2019-09') ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
  const validate = ajv.compile(json as object);
  return { validate, schema: json as SchemaNode };
}

/** JSON or YAML text to a value; throws with a short reason. */
function parseSchemaText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parse(text) as unknown;
  }
}

/**
 * Loads schemas named by path or URL, each compiled once. URLs are fetched in the background and
 * kept in `cacheDir`; until a fetch completes, the last cached copy is used; when a fetch fails,
 * the document gets one warning and the cached copy (if any) still applies. `onLoaded` runs when
 * a fetch brings a schema that was not there before, so open documents can be checked again.
 */
export class ExternalSchemas implements SchemaLoader {
  private readonly loaded = new Map<string, Loaded>();
  private readonly fetching = new Set<string>();

  constructor(
    private readonly cacheDir: string | undefined,
    private readonly onLoaded: () => void,
    private readonly fetcher: (url: string) => Promise<string> = defaultFetch,
    /** A built-in schema with exactly this text, if any: its precompiled validator is reused. */
    private readonly builtIn: (text: string) => KindSchema | undefined = () => undefined,
  ) {}

  get(ref: string): ExternalSchema {
    const hit = this.loaded.get(ref);
    if (hit !== undefined) return hit.state === 'pending' ? {} : hit;
    const result = /^https?:\/\//.test(ref) ? this.fromUrl(ref) : this.fromFile(ref);
    this.loaded.set(ref, result);
    return result.state === 'pending' ? {} : result;
  }

  /** Forgets file schemas (they may have changed on disk); URLs stay until the next session. */
  reloadFiles(): void {
    for (const ref of [...this.loaded.keys()]) if (!/^https?:\/\//.test(ref)) this.loaded.delete(ref);
  }

  private fromFile(path: string): Loaded {
    if (!existsSync(path) || !statSync(path).isFile()) return { state: 'failed', problem: `The schema file ${path} does not exist: fix the path (relative paths start from the document's folder).` };
    try {
      const text = readFileSync(path, 'utf8');
      return { state: 'ready', schema: this.builtIn(text) ?? compile(parseSchemaText(text)) };
    } catch (e) {
      return { state: 'failed', problem: `The schema ${path} cannot be used: ${e instanceof Error ? e.message : String(e)}.` };
    }
  }

  private cachePath(url: string): string | undefined {
    return this.cacheDir === undefined ? undefined : join(this.cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 24)}.json`);
  }

  private fromUrl(url: string): Loaded {
    const cached = this.cachePath(url);
    this.refresh(url);
    if (cached !== undefined && existsSync(cached)) {
      try {
        return { state: 'ready', schema: compile(parseSchemaText(readFileSync(cached, 'utf8'))) };
      } catch {
        // A broken cache entry: fetch again.
      }
    }
    return { state: 'pending' };
  }

  private refresh(url: string): void {
    if (this.fetching.has(url)) return;
    this.fetching.add(url);
    const cached = this.cachePath(url);
    this.fetcher(url)
      .then((text) => {
        const schema = compile(parseSchemaText(text));
        if (cached !== undefined) {
          mkdirSync(this.cacheDir ?? '.', { recursive: true });
          writeFileSync(cached, text);
        }
        this.loaded.set(url, { state: 'ready', schema });
        this.onLoaded();
      })
      .catch((e: unknown) => {
        const reason = e instanceof Error ? e.message : String(e);
        const copy = cached !== undefined && existsSync(cached) ? statSync(cached).mtime.toISOString().slice(0, 10) : undefined;
        const previous = this.loaded.get(url)?.schema;
        const problem = copy === undefined || previous === undefined
          ? `The schema ${url} cannot be fetched (${reason}) and there is no cached copy: the document is not checked against it.`
          : `The schema ${url} cannot be fetched (${reason}): using the copy cached on ${copy}.`;
        this.loaded.set(url, previous === undefined ? { state: 'failed', problem } : { state: 'ready', schema: previous, problem });
        this.onLoaded();
      });
  }
}

async function defaultFetch(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
  return response.text();
}
