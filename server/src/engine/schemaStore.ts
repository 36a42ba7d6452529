import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/** The generated JSON Schemas, found by apiVersion/kind, each compiled once, on first use. */
export interface SchemaStore {
  /** The validator for this kind, or undefined when we have no schema for it. */
  validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined;
}

export type { ErrorObject };

/** Looks upward from `from` for schemas/generated (the repo, or the installed extension). */
export function findSchemaDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'generated');
    if (existsSync(join(candidate, 'index.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A store over the schema folder's index.json (`"apiVersion/Kind": "relative/file.json"`). */
export function createSchemaStore(schemaDir: string | undefined): SchemaStore {
  const index: Record<string, string> =
    schemaDir === undefined ? {} : (JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as Record<string, string>);
  let ajv: Ajv | undefined;
  const compiled = new Map<string, ValidateFunction>();
  return {
    validatorFor(apiVersion, kind) {
      const key = `${apiVersion}/${kind}`;
      const file = index[key];
      if (file === undefined || schemaDir === undefined) return undefined;
      let validate = compiled.get(key);
      if (validate === undefined) {
        ajv ??= new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false });
        validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as object);
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}
