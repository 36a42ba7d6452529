import { convert, type SchemaPath } from './convert';
import { apiEnum } from './apiEnums';
import { readCrd } from './crd';
import { dedupe } from './dedupe';
import { describeField } from './descriptions';
import { objectMeta } from './objectMeta';
import { JOB_SPEC_SOURCE } from './sources';
import type { JsonSchema, OpenApiSchema, Produced, Producer, Row } from './types';

// Katib's Experiment CRD has no structural schema (x-kubernetes-preserve-unknown-fields at the
// root), so the API server stores anything. The shape below is written from Katib's Go API types
// (experiments/v1beta1 experiment_types.go, common/v1beta1 common_types.go) and the value sets its
// defaulting and validating webhooks enforce. Every description is ours.

const CRD_FILE = 'katib/manifests/v1beta1/components/crd/experiment.yaml';
const VERSION = 'v1beta1';
const TYPES_SOURCE =
  'kubeflow/katib: pkg/apis/controller/experiments/v1beta1/experiment_types.go@b5cbd03f, pkg/apis/controller/common/v1beta1/common_types.go, ' +
  'pkg/webhook/v1beta1/experiment/validator/validator.go (Apache-2.0)';

const str = (description?: string): JsonSchema => (description === undefined ? { type: 'string' } : { type: 'string', description });
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const strings = (description: string): JsonSchema => ({ type: 'array', description, items: { type: 'string' } });
const stringMap = (description: string): JsonSchema => ({ type: 'object', description, additionalProperties: { type: 'string' } });

function obj(properties: Record<string, JsonSchema>, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'object', additionalProperties: false, ...extra, properties };
}

/** name/value settings, values as strings (Go reads them into string fields: quote numbers). */
function settings(description: string): JsonSchema {
  return {
    type: 'array',
    description,
    items: obj({ name: str('The setting\'s name, as the algorithm documents it.'), value: str('The value, always a string: quote numbers ("0.5", "10").') }),
  };
}

function parameterSpec(): JsonSchema {
  return obj({
    name: str('The parameter\'s name: trialParameters refer to it in their reference.'),
    parameterType: {
      type: 'string',
      enum: ['int', 'double', 'categorical', 'discrete'],
      description: 'int and double take min and max (and step); categorical and discrete take a list of values.',
    },
    feasibleSpace: obj(
      {
        min: str('Lowest value, as a string ("0.01"). For int, a whole number.'),
        max: str('Highest value, as a string. At least min.'),
        step: str('Distance between values tried, as a string: grid search needs it. Positive; a whole number for int.'),
        list: strings('The values to try, as strings, for categorical and discrete parameters (numbers for discrete).'),
        distribution: {
          type: 'string',
          enum: ['uniform', 'logUniform', 'normal', 'logNormal'],
          description: 'How values are drawn between min and max: uniform (the default), logUniform, normal or logNormal.',
        },
      },
      { description: 'The values the parameter may take: min/max/step for int and double, list for categorical and discrete.' },
    ),
  }, { description: 'A hyperparameter to tune: its name, type and the values it may take.', required: ['name', 'parameterType', 'feasibleSpace'] });
}

function objective(): JsonSchema {
  return obj(
    {
      type: { type: 'string', enum: ['minimize', 'maximize'], description: 'Whether a lower (minimize) or higher (maximize) objective metric is better.' },
      goal: { type: 'number', description: 'The objective value at which the experiment succeeds early. Without it, trials run until maxTrialCount.' },
      objectiveMetricName: str('The metric to optimize, as the training code reports it (for example accuracy or loss).'),
      additionalMetricNames: strings('Other metrics to collect from each trial. Must not repeat the objective metric.'),
      metricStrategies: {
        type: 'array',
        description: 'Which value of each metric a trial reports: min, max or latest. Defaults follow the objective type.',
        items: obj({ name: str('A metric name.'), value: { type: 'string', enum: ['min', 'max', 'latest'] } }),
      },
    },
    { description: 'What the experiment optimizes: the metric, the direction and an optional goal.', required: ['objectiveMetricName'] },
  );
}

function trialTemplate(): JsonSchema {
  return obj(
    {
      retain: { type: 'boolean', description: 'Keep the trial\'s resources (job, pods) after it ends, for their logs.' },
      trialSpec: {
        type: 'object',
        description: 'The resource each trial creates (a Job, PyTorchJob, TFJob, Workflow...), with ${trialParameters.<name>} where values are substituted. Leave metadata.name and namespace out.',
      },
      configMap: obj(
        {
          configMapName: str('The ConfigMap that holds the trial template.'),
          configMapNamespace: str('The namespace of that ConfigMap.'),
          templatePath: str('The key of the ConfigMap whose value is the template.'),
        },
        { description: 'Takes the trial template from a ConfigMap instead of trialSpec.' },
      ),
      trialParameters: {
        type: 'array',
        description: 'The placeholders of the template: each ${trialParameters.<name>} is replaced with the value of its reference.',
        items: obj({
          name: str('The placeholder name: ${trialParameters.<name>} in the template.'),
          description: str('What the value means, for readers.'),
          reference: str('A search parameter of spec.parameters, or trial metadata: ${trialSpec.Name}, ${trialSpec.Namespace}, ${trialSpec.Kind}, ${trialSpec.APIVersion}, ${trialSpec.Labels[key]}, ${trialSpec.Annotations[key]}.'),
        }, { required: ['name', 'reference'] }),
      },
      primaryPodLabels: stringMap('Labels of the pods that run training: only they get the metrics collector. Without them, every pod of the trial does.'),
      primaryContainerName: str('The container that runs the training code and reports the metrics.'),
      successCondition: str('A GJSON condition on the trial resource that means it succeeded. Set by default for Job and Kubeflow jobs.'),
      failureCondition: str('A GJSON condition on the trial resource that means it failed. Set by default for Job and Kubeflow jobs.'),
    },
    { description: 'How each trial runs: the resource to create and where the parameter values go.', required: ['primaryContainerName', 'trialParameters'] },
  );
}

function metricsCollector(container: JsonSchema, httpGet: JsonSchema): JsonSchema {
  return obj(
    {
      source: obj(
        {
          httpGet: { ...httpGet, description: 'The HTTP endpoint that serves the metrics (PrometheusMetric collector).' },
          fileSystemPath: obj({
            path: str('The absolute path of the metrics file or directory.'),
            kind: { type: 'string', enum: ['Directory', 'File'], description: 'File for the File collector, Directory for TensorFlowEvent.' },
            format: { type: 'string', enum: ['TEXT', 'JSON'], description: 'The format of a metrics file: TEXT (lines matched by the filter) or JSON (one object per line).' },
          }),
          filter: obj({
            metricsFormat: strings('Regular expressions with two groups, the metric name and its value, matched against each line of output.'),
          }),
        },
        { description: 'Where the metrics come from: a file, a directory of TensorFlow events, an HTTP endpoint.' },
      ),
      collector: obj(
        {
          kind: {
            type: 'string',
            enum: ['StdOut', 'File', 'TensorFlowEvent', 'PrometheusMetric', 'Custom', 'None', 'Push'],
            description: 'How metrics are collected: StdOut (the default), File, TensorFlowEvent, PrometheusMetric, Custom, Push (the training code reports them) or None.',
          },
          customCollector: { ...container, description: 'The sidecar container of a Custom collector.' },
        },
        { required: ['kind'] },
      ),
    },
    { description: 'How Katib collects the metrics of each trial.' },
  );
}

function spec(container: JsonSchema, httpGet: JsonSchema): JsonSchema {
  return obj(
    {
      parameters: { type: 'array', description: 'The hyperparameters to tune. Use this or nasConfig.', items: parameterSpec() },
      objective: objective(),
      algorithm: obj(
        {
          algorithmName: str('The search algorithm: random, tpe, grid, hyperband, bayesianoptimization, cmaes, sobol, multivariate-tpe, enas, darts, pbt, or one added to the Katib configuration.'),
          algorithmSettings: settings('Settings of the algorithm, such as random_state or n_startup_trials.'),
        },
        { description: 'The search algorithm that suggests the next trials.', required: ['algorithmName'] },
      ),
      earlyStopping: obj(
        {
          algorithmName: str('The early-stopping algorithm: medianstop, or one added to the Katib configuration.'),
          algorithmSettings: settings('Settings of the early-stopping algorithm, such as min_trials_required and start_step.'),
        },
        { description: 'Stops trials that do worse than the others early.', required: ['algorithmName'] },
      ),
      trialTemplate: trialTemplate(),
      parallelTrialCount: int('Trials that may run at the same time (3 when unset). At most maxTrialCount.'),
      maxTrialCount: int('Completed trials after which the experiment ends.'),
      maxFailedTrialCount: int('Failed trials after which the experiment is marked failed. At most maxTrialCount.'),
      metricsCollectorSpec: metricsCollector(container, httpGet),
      nasConfig: obj(
        {
          graphConfig: obj({
            numLayers: int('Layers of the network to search.'),
            inputSizes: { type: 'array', items: { type: 'integer' } },
            outputSizes: { type: 'array', items: { type: 'integer' } },
          }),
          operations: {
            type: 'array',
            items: obj({ operationType: str('The operation, such as convolution, separable_convolution or max_pooling.'), parameters: { type: 'array', items: parameterSpec() } }),
          },
        },
        { description: 'The search space of a neural architecture search (enas, darts). Use this or parameters.' },
      ),
      resumePolicy: {
        type: 'string',
        enum: ['Never', 'LongRunning', 'FromVolume'],
        description: 'Whether the experiment can be resumed after it ends: Never (the default), LongRunning (the suggestion keeps running) or FromVolume (its state is kept in a volume).',
      },
    },
    { description: 'The search: parameters, objective, algorithm, trial template and limits.', required: ['objective', 'algorithm', 'trialTemplate'] },
  );
}

function record(v: unknown, what: string): OpenApiSchema {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`expected an object at ${what}`);
  return v as OpenApiSchema;
}

function walk(node: OpenApiSchema, path: SchemaPath): OpenApiSchema {
  let cur = node;
  for (const seg of path) cur = record(seg === '[]' ? cur['items'] : record(cur['properties'], seg)[seg], path.join('.'));
  return cur;
}

/** A core/v1 Container and HTTPGetAction, converted from the pod template a CRD of the corpus embeds. */
function coreTypes(corpus: string, manifest: Map<string, Row>): { container: JsonSchema; httpGet: JsonSchema; source: string } {
  const crd = readCrd(corpus, JOB_SPEC_SOURCE.file, manifest).find((c) => c.version === JOB_SPEC_SOURCE.version);
  if (crd === undefined) throw new Error(`${JOB_SPEC_SOURCE.file} has no version ${JOB_SPEC_SOURCE.version}`);
  const containerPath: SchemaPath = [...JOB_SPEC_SOURCE.path, 'template', 'spec', 'containers', '[]'];
  const node = walk(crd.schema, containerPath);
  const opts = { describe: describeField, enumFor: apiEnum };
  const at: SchemaPath = ['spec', 'template', 'spec', 'containers', '[]'];
  return {
    container: convert(node, at, opts),
    httpGet: convert(walk(node, ['livenessProbe', 'httpGet']), [...at, 'livenessProbe', 'httpGet'], opts),
    source: crd.source,
  };
}

/** Katib's Experiment (kubeflow.org/v1beta1), written from its Go API types. */
export const katibProducer: Producer = (corpus, manifest) => {
  const crd = readCrd(corpus, CRD_FILE, manifest).find((c) => c.version === VERSION && c.kind === 'Experiment');
  if (crd === undefined) throw new Error(`${CRD_FILE} has no Experiment ${VERSION}`);
  if (crd.schema['properties'] !== undefined) throw new Error(`${CRD_FILE} now has a structural schema: generate from it instead`);
  const core = coreTypes(corpus, manifest);
  const body: JsonSchema = {
    type: 'object',
    required: ['spec'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: objectMeta(),
      spec: spec(core.container, core.httpGet),
      status: { type: 'object', description: 'Written by the controller; ignored when you apply the manifest.' },
    },
    additionalProperties: false,
  };
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${crd.group}/${VERSION} Experiment`,
    description: 'A Katib experiment: a hyperparameter or architecture search that runs trials and keeps the best.',
    'x-mlops-source': `Fields and values: ${TYPES_SOURCE}; group and version: ${crd.source}; container: ${core.source}`,
    ...dedupe(body),
  };
  const out: Produced = { kindKey: `${crd.group}/${VERSION}/Experiment`, file: `${crd.group}/${VERSION}/Experiment.json`, schema };
  return [out];
};
