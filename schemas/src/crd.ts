import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { convert, type SchemaPath } from './convert';
import { apiEnum } from './apiEnums';
import { dedupe } from './dedupe';
import { describeField } from './descriptions';
import { objectMeta } from './objectMeta';
import { describeServingField, SERVING_GROUPS } from './servingDescriptions';
import { CRD_SOURCES, JOB_SPEC_FIELDS, JOB_SPEC_SOURCE, KIND_DESCRIPTIONS } from './sources';
import type { JsonSchema, OpenApiSchema, Produced, Producer, Row } from './types';

interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: OpenApiSchema;
  readonly source: string;
}


export function readManifest(corpus: string): Map<string, Row> {
  const [header, ...lines] = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n');
  const cols = (header ?? '').split('\t');
  const rows = new Map<string, Row>();
  for (const line of lines) {
    if (line === '') continue;
    const cells = line.split('\t');
    const row = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    rows.set(`${row['source'] ?? ''}/${row['path'] ?? ''}`, row);
  }
  return rows;
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`expected an object at ${what}`);
  return v as Record<string, unknown>;
}

export function readCrd(corpus: string, file: string, manifest: Map<string, Row>): CrdVersion[] {
  const row = manifest.get(file);
  if (row === undefined) throw new Error(`${file} is not in the corpus MANIFEST.tsv`);
  const source = `${row['upstream_repo'] ?? '?'}@${row['commit'] ?? '?'}:${file.slice(file.indexOf('/') + 1)} (${row['license'] ?? '?'})`;
  const out: CrdVersion[] = [];
  for (const doc of parseAllDocuments(readFileSync(join(corpus, file), 'utf8'))) {
    const crd = doc.toJS() as unknown;
    if (typeof crd !== 'object' || crd === null || (crd as { kind?: unknown }).kind !== 'CustomResourceDefinition') continue;
    const spec = record((crd as { spec?: unknown }).spec, `${file} spec`);
    const names = record(spec['names'], `${file} spec.names`);
    for (const v of (spec['versions'] as unknown[] | undefined) ?? []) {
      const ver = record(v, `${file} version`);
      const schema = record(record(ver['schema'], `${file} schema`)['openAPIV3Schema'], `${file} openAPIV3Schema`);
      out.push({ group: String(spec['group']), kind: String(names['kind']), version: String(ver['name']), schema, source });
    }
  }
  return out;
}

function at(node: OpenApiSchema, path: SchemaPath): OpenApiSchema {
  let cur: OpenApiSchema = node;
  for (const seg of path) cur = record(seg === '[]' ? cur['items'] : record(cur['properties'], seg)[seg], path.join('.'));
  return cur;
}

export function toSchema(root: OpenApiSchema, title: string, kind: string, source: string, describe: (path: SchemaPath) => string | undefined = describeField): JsonSchema {
  const body = convert(root, [], {
    describe,
    enumFor: apiEnum,
    replace: (path) => {
      if (path.length === 1 && path[0] === 'metadata') return objectMeta();
      if (path.length === 1 && path[0] === 'status') return { type: 'object', description: 'Written by the controller; ignored when you apply the manifest.' };
      return undefined;
    },
  });
  const head: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', title };
  const description = KIND_DESCRIPTIONS[kind];
  if (description !== undefined) head.description = description;
  return { ...head, 'x-mlops-source': source, ...dedupe(body) };
}

function batchJob(corpus: string, manifest: Map<string, Row>): JsonSchema {
  const crd = readCrd(corpus, JOB_SPEC_SOURCE.file, manifest).find((c) => c.version === JOB_SPEC_SOURCE.version);
  if (crd === undefined) throw new Error(`${JOB_SPEC_SOURCE.file} has no version ${JOB_SPEC_SOURCE.version}`);
  const jobSpec = at(crd.schema, JOB_SPEC_SOURCE.path);
  const fields = Object.keys(record(jobSpec['properties'], 'JobSpec')).sort();
  const expected = [...JOB_SPEC_FIELDS].sort();
  if (fields.join() !== expected.join()) {
    throw new Error(`the JobSpec embedded in ${JOB_SPEC_SOURCE.file} has fields ${fields.join(', ')}; the API reference lists ${expected.join(', ')}`);
  }
  const root: OpenApiSchema = {
    type: 'object',
    required: ['spec'],
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: jobSpec, status: { type: 'object' } },
  };
  return toSchema(root, 'batch/v1 Job', 'Job', `JobSpec fields: Kubernetes API reference; types and pod template: ${crd.source}`);
}


/** The CRD-based kinds (job operators) and batch/v1 Job. */
export const crdProducer: Producer = (corpus, manifest) => {
  const out: Produced[] = [];
  for (const src of CRD_SOURCES) {
    for (const crd of readCrd(corpus, src.file, manifest)) {
      if (!src.versions.includes(crd.version)) continue;
      out.push({
        kindKey: `${crd.group}/${crd.version}/${crd.kind}`,
        file: `${crd.group}/${crd.version}/${crd.kind}.json`,
        schema: toSchema(crd.schema, `${crd.group}/${crd.version} ${crd.kind}`, crd.kind, crd.source, SERVING_GROUPS.has(crd.group) ? describeServingField : describeField),
      });
    }
  }
  out.push({ kindKey: 'batch/v1/Job', file: 'batch/v1/Job.json', schema: batchJob(corpus, manifest) });
  return out;
};

