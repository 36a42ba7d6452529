import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectMeta } from './objectMeta';
import type { JsonSchema, Produced, Producer, Row } from './types';

// Argo Workflows publishes one JSON Schema (draft 2020-12) for all of its kinds. We cut it into
// one draft-07 schema per kind, keeping only the definitions each kind reaches. Field names,
// types and required lists are facts of the upstream API; every upstream description and title is
// dropped, and the few descriptions below are ours. Where Go accepts more than the published
// schema says (int-or-string fields typed string, AnyString parameters, quantities), we follow Go.

const FILE = 'argo-workflows/api/jsonschema/schema.json';
const GROUP = 'argoproj.io/v1alpha1';
const ARGO = 'io.argoproj.workflow.v1alpha1.';
export const ARGO_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'WorkflowEventBinding'] as const;

const KIND_DESCRIPTIONS: Readonly<Record<string, string>> = {
  Workflow: 'An Argo workflow: templates (containers, scripts, steps, DAGs) and the one to run first.',
  WorkflowTemplate: 'A reusable workflow definition in a namespace: workflows call its templates through templateRef or run it through workflowTemplateRef.',
  ClusterWorkflowTemplate: 'A reusable workflow definition for the whole cluster: called through templateRef with clusterScope: true.',
  CronWorkflow: 'A workflow run on a schedule: spec.workflowSpec is the workflow, spec.schedules say when.',
  WorkflowEventBinding: 'Submits a workflow from a WorkflowTemplate when an event matching its selector arrives.',
};

// Our words for the fields users reach for first, keyed by `Definition.field` (a definition's own
// description when keyed by the definition alone, for fields that are `$ref`s).
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'WorkflowSpec.entrypoint': 'The template the workflow starts with: the name of one of its templates.',
  'WorkflowSpec.templates': 'The templates of the workflow (containers, scripts, steps, DAGs, resources...), each with a name unique in the list.',
  'WorkflowSpec.onExit': 'A template that runs when the workflow ends, whatever its outcome: the exit handler. It must name one of the templates.',
  'WorkflowSpec.parallelism': 'The most pods of the workflow that may run at the same time.',
  'WorkflowSpec.serviceAccountName': 'The service account the workflow\'s pods run as; it needs the permissions the executor requires.',
  'Template.steps': 'Groups of steps: the groups run one after another, the steps of a group in parallel. Step names are unique within the template.',
  'Template.parallelism': 'The most pods of this template (its steps or DAG tasks) that may run at the same time.',
  'Template.serviceAccountName': 'The service account this template\'s pod runs as, instead of the workflow\'s.',
  'DAGTemplate.tasks': 'The tasks of the DAG, each with a unique name; a task runs once the tasks it depends on are done.',
  'DAGTask.dependencies': 'Names of tasks of the same DAG that must succeed before this one runs.',
  'DAGTask.depends': 'A condition over other tasks of the DAG, such as `a && (b.Failed || c.Skipped)`: the task runs when it holds. Use it or dependencies, not both.',
  'DAGTask.template': 'The template this task runs: a name from the workflow\'s templates.',
  'WorkflowStep.template': 'The template this step runs: a name from the workflow\'s templates.',
  Arguments: 'Parameters and artifacts passed in: to the workflow (overridable when it is submitted), or to the template a step or task calls.',
  TemplateRef: 'A template of a WorkflowTemplate (or, with clusterScope: true, of a ClusterWorkflowTemplate) to run instead of one of this workflow.',
  RetryStrategy: 'How a failed step is retried: limit (retries), retryPolicy (which failures), backoff (the wait between tries), expression.',
};

type Node = Record<string, unknown>;

function isRecord(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Our name for an upstream definition: Argo's own by their bare name, Kubernetes' by group.version.Kind. */
export function shortName(upstream: string): string {
  if (upstream.startsWith(ARGO)) return upstream.slice(ARGO.length);
  return upstream.replace(/^io\.k8s\.(api|apimachinery\.pkg)\./, '');
}

/** Accepted by Go where the published schema says string: numbers and booleans become strings. */
const ANY_STRING: JsonSchema = { type: ['string', 'number', 'boolean'] };

/** Nodes we replace, by definition (and field). */
const REPLACED: Readonly<Record<string, JsonSchema>> = {
  'util.intstr.IntOrString': { anyOf: [{ type: 'integer' }, { type: 'string' }] },
  // resource.Quantity unmarshals from a JSON number too (`cpu: 1`, `memory: 0.5`).
  'api.resource.Quantity': { anyOf: [{ type: 'number' }, { type: 'string' }] },
  'apis.meta.v1.ObjectMeta': objectMeta(),
  'Parameter.value': ANY_STRING,
  'Parameter.default': ANY_STRING,
  'Parameter.description': ANY_STRING,
  'Parameter.enum': { type: 'array', items: ANY_STRING },
  'ValueFrom.default': ANY_STRING,
};

/** Keywords copied as they are (draft-07 reads them the same as 2020-12). */
const COPIED = ['type', 'required', 'enum', 'const', 'default', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems'] as const;

/** Keywords read elsewhere, or dropped on purpose (text, formats the API server does not check, Kubernetes hints). */
const HANDLED = new Set(['properties', 'additionalProperties', 'items', 'anyOf', 'oneOf', 'allOf', '$ref', 'description', 'title', 'format']);

/** Throws on a keyword we do not know: dropping it silently could loosen or change a check. */
function checkKeywords(node: Node, where: Where): void {
  for (const k of Object.keys(node)) {
    if (!HANDLED.has(k) && !(COPIED as readonly string[]).includes(k) && !k.startsWith('x-kubernetes-')) {
      throw new Error(`${FILE}: keyword ${k} at ${keyOf(where)} is not handled by schemas/src/argo.ts`);
    }
  }
}

/** Where a node sits: its definition (our name) and the field of it, if any. */
interface Where {
  readonly def: string;
  readonly field?: string;
}

function keyOf(w: Where): string {
  return w.field === undefined ? w.def : `${w.def}.${w.field}`;
}

function sub(w: Where, part: string): Where {
  return { def: w.def, field: w.field === undefined ? part : `${w.field}.${part}` };
}

/** The table keys met while converting: each of ours must match a node (a guard against upstream renames). */
const used = new Set<string>();

/** Converts one upstream node; the definitions its `$ref`s name are added to `refs`. */
function convertNode(node: Node, where: Where, refs: Set<string>): JsonSchema {
  const key = keyOf(where);
  used.add(key);
  const replaced = REPLACED[key];
  if (replaced !== undefined) return structuredClone(replaced);
  checkKeywords(node, where);
  const out: JsonSchema = {};
  const description = DESCRIPTIONS[key];
  if (description !== undefined) out.description = description;
  if (typeof node['$ref'] === 'string') {
    const target = node['$ref'].replace(/^#\/definitions\//, '');
    refs.add(target);
    out.$ref = `#/definitions/${shortName(target)}`;
    return out;
  }
  for (const k of COPIED) if (node[k] !== undefined) (out as Node)[k] = structuredClone(node[k]);
  convertChildren(node, where, refs, out);
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) {
    out['x-mlops-list-map-keys'] = (node['x-kubernetes-list-map-keys'] as unknown[]).map(String);
  }
  return out;
}

/** Properties, map values, list items and alternatives, converted into `out`. */
function convertChildren(node: Node, where: Where, refs: Set<string>, out: JsonSchema): void {
  const props = isRecord(node['properties']) ? node['properties'] : undefined;
  if (props !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(props).filter(([, v]) => isRecord(v)).map(([name, child]) => [name, convertNode(child as Node, sub(where, name), refs)]),
    );
  }
  if (isRecord(node['additionalProperties'])) out.additionalProperties = convertNode(node['additionalProperties'], sub(where, '*'), refs);
  else if (typeof node['additionalProperties'] === 'boolean') out.additionalProperties = node['additionalProperties'];
  else if (props !== undefined) out.additionalProperties = false; // argo lint rejects unknown fields
  if (isRecord(node['items'])) out.items = convertNode(node['items'], sub(where, '[]'), refs);
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[k];
    if (Array.isArray(list)) out[k] = list.filter(isRecord).map((s) => convertNode(s, where, refs));
  }
}

/** The schema of one kind: its root, then every definition it reaches, renamed and converted. */
function kindSchema(upstream: Node, kind: string, source: string): JsonSchema {
  const rootName = `${ARGO}${kind}`;
  const root = upstream[rootName];
  if (!isRecord(root) || !isRecord(root['properties'])) throw new Error(`${FILE} has no definition ${rootName}`);
  const refs = new Set<string>();
  const body = convertNode({ ...root, properties: { ...root['properties'], metadata: {}, status: {} } }, { def: kind }, refs);
  body.properties = {
    ...body.properties,
    metadata: objectMeta(),
    status: { type: 'object', description: 'Written by the controller; ignored when you apply the manifest.' },
  };
  const definitions: Record<string, JsonSchema> = {};
  const done = new Set<string>();
  for (let pending = [...refs]; pending.length > 0; pending = [...refs].filter((r) => !done.has(r))) {
    for (const name of pending) {
      done.add(name);
      const def = upstream[name];
      if (!isRecord(def)) throw new Error(`${FILE}: ${name} is referenced but not defined`);
      const short = shortName(name);
      if (Object.hasOwn(definitions, short)) throw new Error(`${FILE}: two definitions named ${short}`);
      definitions[short] = convertNode(def, { def: short }, refs);
    }
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  const head: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', title: `${GROUP} ${kind}` };
  const description = KIND_DESCRIPTIONS[kind];
  if (description !== undefined) head.description = description;
  return { ...head, 'x-mlops-source': source, ...body, definitions: sorted };
}

function sourceOf(manifest: Map<string, Row>): string {
  const row = manifest.get(FILE);
  if (row === undefined) throw new Error(`${FILE} is not in the corpus MANIFEST.tsv`);
  return `${row['upstream_repo'] ?? '?'}@${row['commit'] ?? '?'}:${FILE.slice(FILE.indexOf('/') + 1)} (${row['license'] ?? '?'})`;
}

/** Argo Workflows: Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow, WorkflowEventBinding. */
export const argoProducer: Producer = (corpus, manifest) => {
  const published = JSON.parse(readFileSync(join(corpus, FILE), 'utf8')) as unknown;
  const upstream = isRecord(published) && isRecord(published['definitions']) ? published['definitions'] : undefined;
  if (upstream === undefined) throw new Error(`${FILE} has no definitions`);
  const source = sourceOf(manifest);
  used.clear();
  const out = ARGO_KINDS.map((kind): Produced => ({
    kindKey: `${GROUP}/${kind}`,
    file: `${GROUP}/${kind}.json`,
    schema: kindSchema(upstream, kind, source),
  }));
  const unused = [...Object.keys(REPLACED), ...Object.keys(DESCRIPTIONS)].filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`${FILE}: no field or definition matches ${unused.join(', ')}`);
  return out;
};
