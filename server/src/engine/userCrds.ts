import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { toSchema } from '../../../schemas/src/crd';
import ajvOptions from './ajvOptions.json';
import type { SchemaNode } from './schemaNav';
import type { KindSchema, SchemaStore } from './schemaStore';

const MAX_CRD_FILE_BYTES = 32 * 1024 * 1024;

function record(v: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The CRDs in parsed documents: CustomResourceDefinition objects, and the items of a List (`kubectl get crd -o json`). */
export function crdObjects(values: readonly unknown[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const v of values) {
    const r = record(v);
    if (r?.['kind'] === 'CustomResourceDefinition') out.push(r);
    else if (Array.isArray(r?.['items'])) out.push(...crdObjects(r['items'] as unknown[]));
  }
  return out;
}

/** One served version of a CRD: its kind key and its openAPIV3Schema, if it has one. */
function servedVersions(crd: Readonly<Record<string, unknown>>): { key: string; kind: string; title: string; schema: Record<string, unknown> }[] {
  const spec = record(crd['spec']);
  const group = spec?.['group'];
  const kind = record(spec?.['names'])?.['kind'];
  if (typeof group !== 'string' || typeof kind !== 'string') return [];
  const versions = Array.isArray(spec?.['versions']) ? (spec['versions'] as unknown[]) : [];
  return versions.flatMap((v) => {
    const version = record(v);
    const name = version?.['name'];
    const schema = record(record(version?.['schema'])?.['openAPIV3Schema']);
    if (typeof name !== 'string' || schema === undefined || version?.['served'] === false) return [];
    return [{ key: `${group}/${name}/${kind}`, kind, title: `${group}/${name} ${kind}`, schema: { ...schema } }];
  });
}

/** Kind key -> JSON Schema for every served version of these CRDs that has a structural schema. */
export function schemasFromCrds(crds: readonly Record<string, unknown>[], source: string): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  for (const v of crds.flatMap(servedVersions)) {
    try {
      const converted: unknown = toSchema(v.schema, v.title, v.kind, source);
      out.set(v.key, converted as SchemaNode);
    } catch {
      // A schema our converter cannot read (an invalid pattern...): that kind stays unchecked.
    }
  }
  return out;
}

function filesUnder(path: string): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(join(path, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [join(path, e.name)] : [],
    );
  } catch {
    return [];
  }
}

/**
 * Schemas from the user's CRDs (the `mlops.crds` setting: files or folders of CRD YAML or JSON,
 * and the cluster's CRDs cached by "MLOps: Load CRD Schemas from Cluster"). They win over the
 * built-in schemas of the same kind: the cluster's version is the one that applies. Each is
 * compiled once, on first use.
 */
export class UserCrdSchemas {
  private schemas = new Map<string, SchemaNode>();
  private readonly compiled = new Map<string, KindSchema>();
  private ajv = new Ajv(ajvOptions);
  /** Files that could not be read or parsed, with the reason. */
  problems: string[] = [];

  load(paths: readonly string[]): void {
    const next = new Map<string, SchemaNode>();
    const problems: string[] = [];
    for (const file of paths.flatMap(filesUnder)) {
      try {
        if (statSync(file).size > MAX_CRD_FILE_BYTES) throw new Error('larger than 32 MiB');
        const values = parseAllDocuments(readFileSync(file, 'utf8'), { logLevel: 'silent' }).map((d) => d.toJS({ maxAliasCount: 1000 }) as unknown);
        for (const [key, schema] of schemasFromCrds(crdObjects(values), file)) next.set(key, schema);
      } catch (e) {
        problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.schemas = next;
    this.problems = problems;
    this.compiled.clear();
    this.ajv = new Ajv(ajvOptions);
  }

  kinds(): readonly string[] {
    return [...this.schemas.keys()];
  }

  schemaFor(key: string): KindSchema | undefined {
    const hit = this.compiled.get(key);
    if (hit !== undefined) return hit;
    const schema = this.schemas.get(key);
    if (schema === undefined) return undefined;
    const entry = { validate: this.ajv.compile(schema), schema };
    this.compiled.set(key, entry);
    return entry;
  }
}

/** The user's CRD schemas over the built-in ones. */
export function layered(user: UserCrdSchemas, builtIn: SchemaStore): SchemaStore {
  return {
    kinds: () => [...new Set([...user.kinds(), ...builtIn.kinds()])],
    schemaFor: (key) => user.schemaFor(key) ?? builtIn.schemaFor(key),
    byText: (text) => builtIn.byText?.(text),
  };
}
