import type { JsonSchema, OpenApiSchema } from './types';

/** Where a node sits: property names, `*` for map values, `[]` for list items. */
export type SchemaPath = readonly string[];

export interface ConvertOptions {
  /** Our own description for the node at this path, if we wrote one. */
  readonly describe: (path: SchemaPath) => string | undefined;
  /** The values the API accepts at this path, for a string field whose upstream schema does not list them. */
  readonly enumFor?: (path: SchemaPath) => readonly string[] | undefined;
  /** Replaces the node at this path with a schema of ours (ObjectMeta, for one). */
  readonly replace?: (path: SchemaPath, node: OpenApiSchema) => JsonSchema | undefined;
}

const COPIED = [
  'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'multipleOf', 'uniqueItems', 'default',
] as const;

function isRecord(v: unknown): v is OpenApiSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a Go (RE2) pattern reads the same as a JavaScript `u` regular expression, or throws. */
export function checkPattern(pattern: string, at: SchemaPath): string {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    throw new Error(`pattern at ${at.join('.')} is not a valid JavaScript regular expression: ${String(e)}`);
  }
  return pattern;
}

/**
 * Converts a structural OpenAPI v3 schema (a CRD's openAPIV3Schema) to JSON Schema draft-07, the
 * way the API server reads it: objects with properties reject unknown fields unless they preserve
 * unknown fields; int-or-string becomes anyOf; nullable admits null; upstream descriptions are
 * dropped (ours come from `describe`), and so are formats, which the API server does not check.
 */
export function convert(node: OpenApiSchema, path: SchemaPath, opts: ConvertOptions): JsonSchema {
  const replaced = opts.replace?.(path, node);
  if (replaced !== undefined) return replaced;
  const out: JsonSchema = {};
  const description = opts.describe(path);
  if (description !== undefined) out.description = description;
  convertType(node, out);
  convertValueChecks(node, path, opts, out);
  convertChildren(node, path, opts, out);
  const plain: ConvertOptions = { ...opts, describe: () => undefined, enumFor: () => undefined };
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (node['x-kubernetes-int-or-string'] === true && key === 'anyOf') continue;
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.filter(isRecord).map((s) => convert(s, path, plain));
  }
  if (isRecord(node['not'])) out.not = convert(node['not'], path, plain);
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) {
    out['x-mlops-list-map-keys'] = (node['x-kubernetes-list-map-keys'] as unknown[]).map(String);
  }
  return out;
}

function convertType(node: OpenApiSchema, out: JsonSchema): void {
  const nullable = node['nullable'] === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    if (nullable) out.anyOf.push({ type: 'null' });
  } else if (typeof node['type'] === 'string') {
    out.type = nullable ? [node['type'], 'null'] : node['type'];
  }
}

function convertValueChecks(node: OpenApiSchema, path: SchemaPath, opts: ConvertOptions, out: JsonSchema): void {
  for (const key of COPIED) {
    const value = node[key];
    if (value === undefined) continue;
    (out as Record<string, unknown>)[key] = key === 'pattern' && typeof value === 'string' ? checkPattern(value, path) : value;
  }
  const known = node['type'] === 'string' && out.enum === undefined ? opts.enumFor?.(path) : undefined;
  if (known !== undefined) out.enum = [...known];
  if (node['nullable'] === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (Array.isArray(node['required'])) out.required = (node['required'] as unknown[]).map(String);
}

function convertChildren(node: OpenApiSchema, path: SchemaPath, opts: ConvertOptions, out: JsonSchema): void {
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const props = isRecord(node['properties']) ? node['properties'] : undefined;
  if (props !== undefined) {
    const converted: Record<string, JsonSchema> = {};
    if (node['x-kubernetes-embedded-resource'] === true) {
      // An embedded object carries its own apiVersion, kind and metadata even when not listed.
      converted['apiVersion'] = { type: 'string' };
      converted['kind'] = { type: 'string' };
      converted['metadata'] = { type: 'object' };
    }
    for (const [name, child] of Object.entries(props)) {
      if (isRecord(child)) converted[name] = convert(child, [...path, name], opts);
    }
    out.properties = converted;
  }
  if (isRecord(node['additionalProperties'])) {
    out.additionalProperties = convert(node['additionalProperties'], [...path, '*'], opts);
  } else if (typeof node['additionalProperties'] === 'boolean') {
    out.additionalProperties = node['additionalProperties'];
  } else if (props !== undefined && !preserve) {
    out.additionalProperties = false;
  }
  if (isRecord(node['items'])) out.items = convert(node['items'], [...path, '[]'], opts);
}
