import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import ajvOptions from './ajvOptions.json';
import type { SchemaNode } from './schemaNav';

export type { ErrorObject };

/** A compiled validator (ajv's, or the same code precompiled at build time) with its schema. */
export interface KindValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What the engine needs for one kind: the validator and the schema it was compiled from. */
export interface KindSchema {
  readonly validate: KindValidator;
  readonly schema: SchemaNode;
}

/** The schemas, found by apiVersion/kind, each compiled (or loaded precompiled) once, on first use. */
export interface SchemaStore {
  /** The schema for a kind key (`apiVersion/Kind`, or a file kind such as `dvc.yaml`), if we have one. */
  schemaFor(kindKey: string): KindSchema | undefined;
  /** Every `apiVersion/kind` the store has a schema for. */
  kinds(): readonly string[];
  /** The built-in schema whose file has exactly this text (a modeline naming one of our files). */
  byText?(text: string): KindSchema | undefined;
}

/**
 * The ajv options of every validator, at run time and in the build's precompiled code alike
 * (scripts/lib/validators.mjs reads the same file). Not verbose: findings read the schema through
 * `schemaAt`, not from the errors.
 */
export const AJV_OPTIONS: Readonly<typeof ajvOptions> = ajvOptions;

/** Looks upward from `from` for schemas/generated (the repo, or the installed extension). */
export function findSchemaDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'generated');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The module path of a schema file's precompiled validator. */
export function precompiledPath(dir: string, schemaFile: string): string {
  return join(dir, schemaFile.replace(/\.json$/, '.js'));
}

/** The hash a precompiled validator records of the schema text it was built from. */
export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The build's validator for this schema text, unless it is missing or was built from another text. */
function loadPrecompiled(path: string, text: string): KindValidator | undefined {
  if (!existsSync(path)) return undefined;
  // The path is computed at run time: the bundler leaves this require alone, Node loads the file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module found at run time
  const mod = require(path) as KindValidator & { sourceHash?: unknown };
  return typeof mod === 'function' && mod.sourceHash === schemaHash(text) ? mod : undefined;
}

/**
 * A store over a schema folder's index.json (`"apiVersion/Kind": "relative/file.json"`). When
 * `precompiledDir` holds the build's validator for a file (dist/validators), it is loaded instead
 * of compiling the schema: compiling a pod template costs 150 to 400 ms, loading it about 25.
 */
export function createSchemaStore(schemaDir: string | undefined, precompiledDir?: string): SchemaStore {
  const index: Record<string, string> =
    schemaDir === undefined ? {} : (JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as Record<string, string>);
  let ajv: Ajv | undefined;
  const loaded = new Map<string, KindSchema>();
  let byHash: Map<string, string> | undefined;
  const store: SchemaStore = {
    byText(text) {
      if (schemaDir === undefined) return undefined;
      byHash ??= new Map(Object.entries(index).map(([key, file]): [string, string] => [schemaHash(readFileSync(join(schemaDir, file), 'utf8')), key]));
      const key = byHash.get(schemaHash(text));
      return key === undefined ? undefined : store.schemaFor(key);
    },
    kinds: () => Object.keys(index),
    schemaFor(key) {
      const file = Object.hasOwn(index, key) ? index[key] : undefined;
      if (file === undefined || schemaDir === undefined) return undefined;
      let entry = loaded.get(key);
      if (entry === undefined) {
        const text = readFileSync(join(schemaDir, file), 'utf8');
        const schema = JSON.parse(text) as SchemaNode;
        let validate = precompiledDir === undefined ? undefined : loadPrecompiled(precompiledPath(precompiledDir, file), text);
        if (validate === undefined) {
          ajv ??= new Ajv(AJV_OPTIONS);
          validate = ajv.compile(schema);
        }
        entry = { validate, schema };
        loaded.set(key, entry);
      }
      return entry;
    },
  };
  return store;
}
