import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupe } from './dedupe';
import type { JsonSchema, Producer, Row } from './types';

// dvc.yaml, from DVC's published JSON schema (iterative/dvcyaml-schema, in the corpus). The facts
// (fields, types, which fields are required) are upstream's; the shape is rewritten for draft-07
// validators that report well:
//  - each `oneOf` of branches of different types (a path or a mapping of flags, a command or a
//    list of commands...) becomes one node with a list of types, so that a wrong field inside the
//    mapping is reported as such instead of as "no branch matched";
//  - the three forms of a stage (plain, foreach/do, matrix) become one mapping with every field
//    of the three; which combinations are allowed, and that a stage has a cmd, is checked by the
//    DVC rules (MLW4301, MLW4302), with messages that name the problem;
//  - titles and upstream descriptions are dropped; the descriptions are ours.

const SOURCE_FILE = 'dvcyaml-schema/schema.json';
/** The definition we add for the merged stage. */
const MERGED = 'MergedStage';

type Raw = Record<string, unknown>;

/** Our descriptions, per upstream definition ('' for the top level) and field. */
const DESCRIPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': {
    stages: 'The stages of the pipeline, by name. A stage runs a command (cmd), or is generated from foreach/do or matrix.',
    vars: 'Values for ${...} interpolation: mappings written here, or params files (with optional :key,key) to read them from. params.yaml is always read when it exists.',
    params: 'Params files to show in dvc params diff, besides params.yaml.',
    metrics: 'Metrics files to show in dvc metrics show and diff, besides the metrics of the stages.',
    plots: 'Plots to render in dvc plots show: a mapping (or list of mappings) from a plot name or data file to its axes and template.',
    artifacts: 'Artifacts of the project (models, data sets), by name, for the model registry.',
  },
  Stage: {
    cmd: 'The command to run: one string, or a list of commands run in order until one fails.',
    wdir: 'The folder the command runs in, relative to the folder of dvc.yaml. The paths of deps, outs, params, metrics and plots are relative to it.',
    deps: 'Files and folders the command reads: the stage is run again when one changes.',
    params: 'Keys of params.yaml the stage depends on (dotted: train.lr), or a mapping from another params file to its keys (empty for all of them).',
    outs: 'Files and folders the command writes, cached and tracked by DVC. Two stages cannot have the same output.',
    metrics: 'Metrics files the command writes (JSON, YAML or TOML), shown by dvc metrics show.',
    plots: 'Plot data files (JSON, YAML, CSV, TSV) or images the command writes, shown by dvc plots show.',
    frozen: 'When true, dvc repro does not run the stage even if its dependencies changed.',
    always_changed: 'When true, the stage is considered changed and runs on every dvc repro.',
    vars: 'Values for ${...} interpolation in this stage only: mappings, or params files to read them from.',
    desc: 'A description of the stage, for people.',
    meta: 'Anything you want to keep with the stage; DVC ignores it.',
    matrix: 'Generates one stage for every combination of these lists; use ${item.<name>} for the values of one combination.',
    foreach: 'Generates one stage for each element of this list or mapping (or of the ${...} value it names); the stage is given by do.',
    do: 'The stage generated for each element of foreach: ${item} is the element, ${key} its key when foreach is a mapping.',
  },
  OutFlags: {
    cache: 'Whether DVC caches the output (true by default). Uncached outputs are tracked, not stored.',
    persist: 'Whether the output is kept, instead of removed, before the stage runs again.',
    checkpoint: 'Marks the output as written by in-code checkpoints (experiments).',
    desc: 'A description of the output, for people.',
    type: 'A type you give the output (such as model or dataset).',
    labels: 'Labels you give the output.',
    meta: 'Anything you want to keep with the output; DVC ignores it.',
    remote: 'The DVC remote this output is pushed to and fetched from.',
    push: 'Whether dvc push uploads the output (true by default).',
  },
  PlotFlags: {
    x: 'The field of the data to put on the x axis.',
    y: 'The field of the data to put on the y axis.',
    x_label: 'The label of the x axis.',
    y_label: 'The label of the y axis.',
    title: 'The title of the plot.',
    header: 'Whether a CSV or TSV file has a header row.',
    template: 'The plot template (linear, scatter, confusion...).',
  },
  TopLevelPlotFlags: {
    x: 'The x-axis field: one field name, or a mapping from data file to field.',
    y: 'The y-axis fields: one field name, a list of them, or a mapping from data file to field or fields.',
    x_label: 'The label of the x axis.',
    y_label: 'The label of the y axis.',
    title: 'The title of the plot.',
    template: 'The plot template (linear by default; scatter, confusion...).',
  },
  TopLevelArtifactFlags: {
    path: 'The path of the artifact, relative to the folder of dvc.yaml.',
    type: 'The kind of artifact (model, data...).',
    desc: 'A description of the artifact, for people.',
    meta: 'Anything you want to keep with the artifact.',
    labels: 'Labels you give the artifact.',
  },
};
// PlotFlags has the output flags too.
const PLOT_FLAGS = { ...DESCRIPTIONS['OutFlags'], ...DESCRIPTIONS['PlotFlags'] };

/** Keywords we carry over unchanged; anything else upstream adds must be looked at first. */
const KEPT = new Set(['type', 'required', 'uniqueItems', 'pattern', 'default', 'enum']);
const DROPPED = new Set(['title', 'description', 'desc']);

function record(v: unknown, what: string): Raw {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`dvc.yaml schema: expected an object at ${what}`);
  return v as Raw;
}

class Converter {
  constructor(private readonly definitions: Raw) {}

  /** The definition a `$ref` names, or the node itself. */
  private deref(node: Raw): { node: Raw; def: string | undefined } {
    const ref = node['$ref'];
    if (typeof ref !== 'string') return { node, def: undefined };
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    if (m?.[1] === undefined) throw new Error(`dvc.yaml schema: unexpected $ref ${ref}`);
    return { node: record(this.definitions[m[1]], `definitions.${m[1]}`), def: m[1] };
  }

  /** A node in draft-07, inlined; `def` names the definition we are in (for descriptions). */
  convert(raw: Raw, def: string, where: string): JsonSchema {
    const { node, def: named } = this.deref(raw);
    const here = named ?? def;
    const allOf = node['allOf'];
    if (Array.isArray(allOf)) {
      if (allOf.length !== 1 || Object.keys(node).some((k) => k !== 'allOf' && !DROPPED.has(k))) throw new Error(`dvc.yaml schema: allOf with ${allOf.length} parts at ${where}`);
      return this.convert(record(allOf[0], where), here, where);
    }
    if (Array.isArray(node['oneOf'])) return this.union(node['oneOf'].map((b, i) => this.convert(record(b, where), here, `${where}/oneOf/${i}`)), where);
    const out: JsonSchema & Raw = {};
    for (const [key, value] of Object.entries(node)) this.keyword(out, node, key, value, here, where);
    return out;
  }

  /** Converts one keyword of `node` into `out`. */
  private keyword(out: JsonSchema & Raw, node: Raw, key: string, value: unknown, here: string, where: string): void {
    if (DROPPED.has(key)) return;
    if (KEPT.has(key)) {
      out[key] = value;
    } else if (key === 'properties') {
      out.properties = this.properties(record(value, where), here, where);
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : this.convert(record(value, where), here, `${where}/*`);
    } else if (key === 'items') {
      const items = this.convert(record(value, where), here, `${where}/[]`);
      if (Object.keys(items).length > 0) out.items = items;
    } else if (key === 'patternProperties') {
      // Artifacts: the pattern's schema is the same as additionalProperties', so it adds nothing.
      const patterns = Object.values(record(value, where));
      if (!patterns.every((p) => JSON.stringify(p) === JSON.stringify(node['additionalProperties']))) throw new Error(`dvc.yaml schema: patternProperties at ${where}`);
    } else {
      throw new Error(`dvc.yaml schema: keyword ${key} at ${where} is new: check how to convert it`);
    }
  }

  private properties(props: Raw, def: string, where: string): Record<string, JsonSchema> {
    const descriptions = def === 'PlotFlags' ? PLOT_FLAGS : DESCRIPTIONS[def === MERGED ? 'Stage' : def];
    const out: Record<string, JsonSchema> = {};
    for (const [field, value] of Object.entries(props)) {
      const converted = this.convert(record(value, where), def, `${where}.${field}`);
      const description = descriptions?.[field];
      out[field] = description === undefined ? converted : { description, ...converted };
    }
    return out;
  }

  /** One node for a `oneOf` whose branches are told apart by their type. */
  private union(branches: JsonSchema[], where: string): JsonSchema {
    const byType = new Map<string, JsonSchema[]>();
    for (const b of branches) {
      if (typeof b.type !== 'string') throw new Error(`dvc.yaml schema: a oneOf branch without one type at ${where}`);
      byType.set(b.type, [...(byType.get(b.type) ?? []), b]);
    }
    const out: JsonSchema & Raw = { type: [...byType.keys()] };
    for (const [type, same] of byType) {
      const merged = same.length === 1 ? same[0] : this.mergeMappings(type, same, where);
      for (const [key, value] of Object.entries(merged ?? {})) {
        if (key === 'type') continue;
        if (key in out && JSON.stringify(out[key]) !== JSON.stringify(value)) throw new Error(`dvc.yaml schema: branches disagree on ${key} at ${where}`);
        out[key] = value;
      }
    }
    return out;
  }

  /** Mappings that differ only by the schema of their values (params: a list of keys, or null). */
  private mergeMappings(type: string, same: JsonSchema[], where: string): JsonSchema {
    const values = same.map((s) => s.additionalProperties);
    if (type !== 'object' || same.some((s) => Object.keys(s).some((k) => k !== 'type' && k !== 'additionalProperties')) || values.some((v) => typeof v !== 'object')) {
      throw new Error(`dvc.yaml schema: two ${type} branches at ${where}`);
    }
    return { type: 'object', additionalProperties: this.union(values as JsonSchema[], `${where}/*`) };
  }
}

/** The three forms of a stage as one mapping; checks that they share the fields we merge. */
function mergedStage(definitions: Raw): Raw {
  const stage = record(definitions['Stage'], 'Stage');
  const matrix = record(definitions['Matrix'], 'Matrix');
  const foreach = record(definitions['ForeachDo'], 'ForeachDo');
  const stageProps = record(stage['properties'], 'Stage.properties');
  const matrixProps = record(matrix['properties'], 'Matrix.properties');
  const foreachProps = record(foreach['properties'], 'ForeachDo.properties');
  const { matrix: matrixField, ...rest } = matrixProps;
  if (JSON.stringify(rest) !== JSON.stringify(stageProps)) throw new Error('dvc.yaml schema: Matrix has other fields than Stage besides matrix');
  if (Object.keys(foreachProps).sort().join() !== 'do,foreach') throw new Error('dvc.yaml schema: ForeachDo has other fields than foreach and do');
  // `do` is a stage without `required`: a missing cmd is MLW4301's.
  const body = Object.fromEntries(Object.entries(stage).filter(([k]) => k !== 'required'));
  return {
    type: 'object',
    properties: { ...stageProps, matrix: matrixField, foreach: foreachProps['foreach'], do: body },
    additionalProperties: false,
  };
}

function attribution(row: Row | undefined): string {
  if (row === undefined) throw new Error(`${SOURCE_FILE} is not in the corpus MANIFEST.tsv`);
  return `${row['upstream_repo'] ?? '?'}@${row['commit'] ?? '?'}:schema.json (${row['license'] ?? '?'}); rewritten for draft-07, descriptions ours`;
}

/** The dvc.yaml schema, served by file name (kind key `dvc.yaml`). */
export const dvcProducer: Producer = (corpus, manifest) => {
  const upstream = record(JSON.parse(readFileSync(join(corpus, SOURCE_FILE), 'utf8')) as unknown, SOURCE_FILE);
  const { definitions, ...top } = upstream;
  const c = new Converter({ ...record(definitions, 'definitions'), [MERGED]: mergedStage(record(definitions, 'definitions')) });
  const properties = record(top['properties'], 'properties');
  const stages = record(properties['stages'], 'stages');
  const root: Raw = { ...top, properties: { ...properties, stages: { ...stages, additionalProperties: { $ref: `#/definitions/${MERGED}` } } } };
  const body = c.convert(root, '', '');
  const head: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'dvc.yaml',
    description: 'A DVC pipeline: its stages, the values they interpolate, and the metrics, plots and artifacts of the project.',
    'x-mlops-source': attribution(manifest.get(SOURCE_FILE)),
  };
  return [{ kindKey: 'dvc.yaml', file: 'dvc.yaml.json', schema: { ...head, ...dedupe(body) } }];
};
