/** A JSON Schema (draft-07) node, as our generator writes it. */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  uniqueItems?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
  /** Keys of a Kubernetes list-map (x-kubernetes-list-map-keys): entries must be unique by them. */
  'x-mlops-list-map-keys'?: string[];
  /** Where the facts came from (the upstream file and commit). */
  'x-mlops-source'?: string;
}

/** An OpenAPI v3 schema node as found in a CRD's openAPIV3Schema (structural schema). */
export type OpenApiSchema = Record<string, unknown>;

/** A row of the corpus MANIFEST.tsv, by column name. */
export type Row = Record<string, string>;

/** One generated schema: the kind key it serves (`apiVersion/Kind`, or `dvc.yaml`...) and its file. */
export interface Produced {
  readonly kindKey: string;
  /** Path under schemas/generated. */
  readonly file: string;
  readonly schema: JsonSchema;
}

/** Makes schemas from the corpus (upstream CRDs and schemas) or from our own definitions. */
export type Producer = (corpus: string, manifest: Map<string, Row>) => readonly Produced[];
