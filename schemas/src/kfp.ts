import { dedupe } from './dedupe';
import type { JsonSchema, Produced, Producer } from './types';

// Kubeflow Pipelines publishes no JSON Schema for its compiled pipelines (the IR YAML). The KFP SDK
// writes the messages of api/v2alpha1/pipeline_spec.proto in the proto JSON mapping: lowerCamel
// field names, enums by name, 64-bit integers as strings. This schema follows that proto message
// by message: closed where the message is (an unknown field fails to parse), open for
// google.protobuf.Struct and Value fields. Every description is ours.

const SOURCE =
  'kubeflow/pipelines@0537b862473877cdb5fcd396964f753f9a1824e3:api/v2alpha1/pipeline_spec.proto ' +
  '(field list read from the generated api/v2alpha1/go/pipelinespec/pipeline_spec.pb.go) (Apache-2.0)';

/** The parameter types of KFP's IR (ParameterType.ParameterTypeEnum). */
const KFP_PARAMETER_TYPES = [
  'PARAMETER_TYPE_ENUM_UNSPECIFIED', 'NUMBER_DOUBLE', 'NUMBER_INTEGER', 'STRING', 'BOOLEAN', 'LIST', 'STRUCT', 'TASK_FINAL_STATUS', 'TASK_CONFIG',
] as const;

// Scalars in the proto JSON mapping. Integers may be written as numbers or as strings of digits;
// doubles as numbers or numeric strings (NaN and Infinity included); durations as "<seconds>s".
const STRING: JsonSchema = { type: 'string' };
const BOOL: JsonSchema = { type: 'boolean' };
const INT: JsonSchema = { type: ['integer', 'string'], pattern: '^-?[0-9]+$' };
const DOUBLE: JsonSchema = { type: ['number', 'string'], pattern: '^(-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?|-?\\.[0-9]+([eE][-+]?[0-9]+)?|NaN|-?Infinity)$' };
const DURATION: JsonSchema = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$' };
/** google.protobuf.Value: any JSON value. */
const VALUE: JsonSchema = {};
/** google.protobuf.Struct: any mapping. */
const STRUCT: JsonSchema = { type: 'object' };

const d = (schema: JsonSchema, description: string): JsonSchema => ({ ...schema, description });
const list = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description === undefined ? {} : { description }) });
const map = (values: JsonSchema, description?: string): JsonSchema => ({ type: 'object', additionalProperties: values, ...(description === undefined ? {} : { description }) });
const enumOf = (values: readonly string[], description?: string): JsonSchema => ({ type: 'string', enum: [...values], ...(description === undefined ? {} : { description }) });

function message(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return { type: 'object', additionalProperties: false, ...(description === undefined ? {} : { description }), properties };
}

const PRIMITIVE_TYPE = enumOf(['PRIMITIVE_TYPE_UNSPECIFIED', 'INT', 'DOUBLE', 'STRING'], 'Deprecated: use parameterType.');
const PARAMETER_TYPE = enumOf(KFP_PARAMETER_TYPES, 'The type of the parameter\'s value: STRING, NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, LIST, STRUCT, or TASK_FINAL_STATUS for an exit handler\'s status input.');

/** ml_pipelines.Value (deprecated): one of an integer, a double or a string. */
const OLD_VALUE = message({ intValue: INT, doubleValue: DOUBLE, stringValue: STRING }, 'Deprecated: use constant.');

const VALUE_OR_RUNTIME_PARAMETER = message({
  constantValue: OLD_VALUE,
  runtimeParameter: d(STRING, 'The name of an input parameter of the enclosing component whose value is used.'),
  constant: d(VALUE, 'A value fixed when the pipeline was compiled: a string, number, boolean, list or mapping.'),
});

const ARTIFACT_TYPE = message(
  {
    schemaTitle: d(STRING, 'The artifact type, as <namespace>.<Type>: system.Dataset, system.Model, system.Metrics, google.VertexModel...'),
    schemaUri: d(STRING, 'Deprecated: use schemaTitle or instanceSchema.'),
    instanceSchema: d(STRING, 'A YAML description of the type\'s properties, instead of a registered schemaTitle.'),
    schemaVersion: d(STRING, 'The version of the artifact type\'s schema, such as 0.0.1.'),
  },
  'The type of an artifact, by registered title or by inline schema.',
);

function componentSpec(): JsonSchema {
  const inputs = message(
    {
      artifacts: map(
        message({
          artifactType: ARTIFACT_TYPE,
          isArtifactList: d(BOOL, 'The input is a list of artifacts (from a ParallelFor fan-in), not a single one.'),
          isOptional: d(BOOL, 'The input may be left unconnected.'),
          description: STRING,
        }),
        'Input artifacts by name.',
      ),
      parameters: map(
        message({
          type: PRIMITIVE_TYPE,
          parameterType: PARAMETER_TYPE,
          defaultValue: d(VALUE, 'The value used when the task does not pass one.'),
          isOptional: d(BOOL, 'The input may be left out: then defaultValue (or the type\'s zero value) is used.'),
          description: STRING,
          literals: list(VALUE, 'The only values the input accepts.'),
        }),
        'Input parameters by name.',
      ),
    },
    'The inputs the component takes: parameters (small values) and artifacts.',
  );
  const outputs = message(
    {
      artifacts: map(
        message({
          artifactType: ARTIFACT_TYPE,
          properties: map(VALUE_OR_RUNTIME_PARAMETER, 'Deprecated: use metadata.'),
          customProperties: map(VALUE_OR_RUNTIME_PARAMETER, 'Deprecated: use metadata.'),
          metadata: d(STRUCT, 'Properties recorded with the artifact.'),
          isArtifactList: d(BOOL, 'The output is a list of artifacts.'),
          description: STRING,
        }),
        'Output artifacts by name.',
      ),
      parameters: map(message({ type: PRIMITIVE_TYPE, parameterType: PARAMETER_TYPE, description: STRING }), 'Output parameters by name.'),
    },
    'The outputs the component produces; downstream tasks read them through taskOutputParameter and taskOutputArtifact.',
  );
  const inputParameter = message(
    {
      taskOutputParameter: message(
        {
          producerTask: d(STRING, 'A task of the same DAG that produces the value.'),
          outputParameterKey: d(STRING, 'The name of an output parameter of the producer task\'s component.'),
        },
        'Takes the value from an output parameter of another task of the same DAG.',
      ),
      runtimeValue: d(VALUE_OR_RUNTIME_PARAMETER, 'A constant, or the value of an input parameter of the enclosing component.'),
      componentInputParameter: d(STRING, 'The name of an input parameter of the enclosing component (the DAG this task is in).'),
      taskFinalStatus: message({ producerTask: d(STRING, 'The task whose final status is passed.') }, 'The final status of another task, for exit handlers.'),
      parameterExpressionSelector: d(STRING, 'A CEL expression applied to the value before it is passed, such as parseJson(string_value)["key"].'),
    },
    'Where the value of one input parameter comes from.',
  );
  const inputArtifact = message(
    {
      taskOutputArtifact: message(
        {
          producerTask: d(STRING, 'A task of the same DAG that produces the artifact.'),
          outputArtifactKey: d(STRING, 'The name of an output artifact of the producer task\'s component.'),
        },
        'Takes the artifact from an output of another task of the same DAG.',
      ),
      componentInputArtifact: d(STRING, 'The name of an input artifact of the enclosing component.'),
    },
    'Where one input artifact comes from.',
  );
  const task = message(
    {
      taskInfo: message({ name: d(STRING, 'The task\'s display name.') }),
      inputs: message({ parameters: map(inputParameter, 'Input parameters of the task by name.'), artifacts: map(inputArtifact, 'Input artifacts of the task by name.') }, 'The values and artifacts passed to the component\'s inputs.'),
      dependentTasks: list(STRING, 'Tasks of the same DAG that must finish first, besides those whose outputs this task reads.'),
      cachingOptions: message({ enableCache: d(BOOL, 'Reuse the results of an earlier identical run of this task.'), cacheKey: d(STRING, 'A key that replaces the computed cache key.') }),
      componentRef: message({ name: d(STRING, 'The name of the component the task runs: a key of the pipeline\'s components.') }, 'The component the task runs.'),
      triggerPolicy: message(
        {
          condition: d(STRING, 'A CEL expression over the task\'s inputs: the task runs only when it is true (dsl.If, dsl.Condition).'),
          strategy: enumOf(['TRIGGER_STRATEGY_UNSPECIFIED', 'ALL_UPSTREAM_TASKS_SUCCEEDED', 'ALL_UPSTREAM_TASKS_COMPLETED'], 'When the task may run: after its upstream tasks succeeded (the default), or after they completed in any state (exit handlers).'),
        },
        'When the task runs.',
      ),
      artifactIterator: message(
        {
          items: message({ inputArtifact: d(STRING, 'The input artifact (a list) to iterate over.') }),
          itemInput: d(STRING, 'The input artifact that receives each item.'),
        },
        'Runs the task once per artifact of a list (dsl.ParallelFor).',
      ),
      parameterIterator: message(
        {
          items: message({ raw: d(STRING, 'A JSON array, as a string, of the items.'), inputParameter: d(STRING, 'The input parameter that holds the items.') }),
          itemInput: d(STRING, 'The input parameter that receives each item.'),
        },
        'Runs the task once per item of a list (dsl.ParallelFor).',
      ),
      retryPolicy: message(
        {
          maxRetryCount: d(INT, 'Retries before the task is marked failed.'),
          backoffDuration: d(DURATION, 'The wait before the first retry, such as 10s.'),
          backoffFactor: d(DOUBLE, 'The factor the wait grows by after each retry.'),
          backoffMaxDuration: d(DURATION, 'The longest wait between retries, such as 3600s.'),
        },
        'How a failed task is retried.',
      ),
      iteratorPolicy: message({ parallelismLimit: d(INT, 'The most iterations that run at the same time; 0 for no limit.') }),
    },
    'One task of a DAG: the component it runs, its inputs and when it runs.',
  );
  const parameterSelector = message({
    producerSubtask: d(STRING, 'A task of this DAG.'),
    outputParameterKey: d(STRING, 'An output parameter of that task\'s component.'),
  });
  const dag = message(
    {
      tasks: map(task, 'The tasks of the DAG by name.'),
      outputs: message(
        {
          artifacts: map(
            message({
              artifactSelectors: list(message({
                producerSubtask: d(STRING, 'A task of this DAG.'),
                outputArtifactKey: d(STRING, 'An output artifact of that task\'s component.'),
              })),
            }),
            'Output artifacts of the DAG, each taken from a task of it.',
          ),
          parameters: map(
            message({
              valueFromParameter: d(parameterSelector, 'The output parameter of one task of the DAG.'),
              valueFromOneof: message({ parameterSelectors: list(parameterSelector) }, 'The one output, among several tasks, that was produced (dsl.OneOf).'),
            }),
            'Output parameters of the DAG, each taken from a task of it.',
          ),
        },
        'How the DAG\'s outputs are taken from its tasks.',
      ),
    },
    'A graph of tasks.',
  );
  return message(
    {
      inputDefinitions: inputs,
      outputDefinitions: outputs,
      dag,
      executorLabel: d(STRING, 'The executor that runs the component: a key of deploymentSpec.executors.'),
      singlePlatformSpecs: list(singlePlatformSpec(), 'Platform-specific settings of the component.'),
      taskConfigPassthroughs: list(
        message({
          field: enumOf(['NONE', 'RESOURCES', 'ENV', 'KUBERNETES_AFFINITY', 'KUBERNETES_TOLERATIONS', 'KUBERNETES_NODE_SELECTOR', 'KUBERNETES_VOLUMES', 'KUBERNETES_RESOURCE_CLAIMS']),
          applyToTask: d(BOOL, 'Also apply the setting to the task\'s own pod.'),
        }),
        'Task settings passed on to a workload the component launches (dsl.TaskConfig).',
      ),
    },
    'A component: its inputs and outputs, and either a DAG of tasks or an executor.',
  );
}

function deploymentConfig(): JsonSchema {
  const exec = message({ command: list(STRING), args: list(STRING) });
  const container = message(
    {
      image: d(STRING, 'The container image.'),
      command: list(STRING, 'The entrypoint; placeholders such as {{$.inputs.parameters[\'x\']}} are replaced at run time.'),
      args: list(STRING, 'The arguments of the entrypoint; placeholders are replaced at run time.'),
      lifecycle: message({ preCacheCheck: exec }),
      resources: message(
        {
          cpuLimit: d(DOUBLE, 'Deprecated: use resourceCpuLimit.'),
          memoryLimit: d(DOUBLE, 'Deprecated: use resourceMemoryLimit.'),
          cpuRequest: d(DOUBLE, 'Deprecated: use resourceCpuRequest.'),
          memoryRequest: d(DOUBLE, 'Deprecated: use resourceMemoryRequest.'),
          resourceCpuLimit: d(STRING, 'CPU limit, such as 2 or 500m, or a placeholder.'),
          resourceMemoryLimit: d(STRING, 'Memory limit, such as 4G, or a placeholder.'),
          resourceCpuRequest: d(STRING, 'CPU request, or a placeholder.'),
          resourceMemoryRequest: d(STRING, 'Memory request, or a placeholder.'),
          accelerator: message({
            type: d(STRING, 'Deprecated: use resourceType.'),
            count: d(INT, 'Deprecated: use resourceCount.'),
            resourceType: d(STRING, 'The accelerator resource, such as nvidia.com/gpu, or a placeholder.'),
            resourceCount: d(STRING, 'How many accelerators, or a placeholder.'),
          }),
        },
        'CPU, memory and accelerators of the container.',
      ),
      env: list(message({ name: STRING, value: STRING }), 'Environment variables of the container.'),
    },
    'Runs a container.',
  );
  const importer = message(
    {
      artifactUri: d(VALUE_OR_RUNTIME_PARAMETER, 'The URI of the artifact to import.'),
      typeSchema: ARTIFACT_TYPE,
      properties: map(VALUE_OR_RUNTIME_PARAMETER, 'Deprecated: use metadata.'),
      customProperties: map(VALUE_OR_RUNTIME_PARAMETER, 'Deprecated: use metadata.'),
      reimport: d(BOOL, 'Import the artifact again even if it was imported before.'),
      metadata: d(STRUCT, 'Properties recorded with the artifact.'),
      downloadToWorkspace: d(BOOL, 'Download the artifact into the pipeline\'s workspace.'),
    },
    'Imports an existing artifact into the pipeline (dsl.importer).',
  );
  const resolver = message({ outputArtifactQueries: map(message({ filter: STRING, limit: INT })) }, 'Finds existing artifacts by a query.');
  return message(
    {
      executors: map(
        message({ container, importer, resolver, customJob: message({ customJob: STRUCT }, 'Deprecated.') }),
        'The executors by label; components name theirs in executorLabel.',
      ),
    },
    'How each component that is not a DAG runs: its executor.',
  );
}

function singlePlatformSpec(): JsonSchema {
  return message({
    deploymentSpec: message({ executors: map(STRUCT, 'Platform settings of each executor, by executor label.') }),
    platform: d(STRING, 'The platform\'s name.'),
    config: d(STRUCT, 'Settings defined by the platform.'),
    pipelineConfig: message(
      {
        resourceTtlOnCompletion: d(INT, 'Seconds after the run completes before its resources are deleted.'),
        workspace: message(
          {
            size: d(STRING, 'The size of the workspace volume, such as 10Gi.'),
            kubernetes: message({ pvcSpecPatch: d(STRUCT, 'Fields merged into the workspace\'s PersistentVolumeClaim spec (storageClassName, accessModes...).') }),
          },
          'A volume shared by the tasks of a run.',
        ),
        resourceTtlOnSuccess: d(INT, 'Seconds after the run succeeds before its resources are deleted.'),
        resourceTtlOnFailure: d(INT, 'Seconds after the run fails before its resources are deleted.'),
        activeDeadlineSeconds: d(INT, 'Seconds the run may take before it is stopped.'),
      },
      'Pipeline-level settings (dsl.PipelineConfig).',
    ),
  });
}

function head(title: string, description: string): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, description, 'x-mlops-source': SOURCE };
}

function pipelineSpec(): JsonSchema {
  const component = componentSpec();
  const body = message({
    pipelineInfo: message(
      {
        name: d(STRING, 'The pipeline\'s name: lowercase letters, digits and dashes, as the SDK writes it.'),
        displayName: STRING,
        description: STRING,
      },
      'The pipeline\'s name and description.',
    ),
    deploymentSpec: deploymentConfig(),
    sdkVersion: d(STRING, 'The SDK that compiled the pipeline, such as kfp-2.13.0.'),
    schemaVersion: d(STRING, 'The version of the IR format, such as 2.1.0.'),
    components: map(component, 'Every component of the pipeline by name; tasks refer to them in componentRef.'),
    root: component,
    defaultPipelineRoot: d(STRING, 'Where the run\'s artifacts go unless the run says otherwise, such as s3://bucket/path.'),
  });
  return { ...head('Kubeflow Pipelines PipelineSpec', 'A compiled Kubeflow pipeline (the IR YAML): its components, their executors and the root DAG.'), ...dedupe({ ...body, required: ['pipelineInfo', 'root'] }) };
}

function platformSpec(): JsonSchema {
  const body = message({ platforms: map(singlePlatformSpec(), 'Settings per platform, such as kubernetes.') });
  return { ...head('Kubeflow Pipelines PlatformSpec', 'The platform settings of a compiled pipeline (its second YAML document): secrets, volumes, node selectors per executor.'), ...dedupe(body) };
}

/** Kubeflow Pipelines' compiled pipeline documents, known by content (no apiVersion/kind). */
export const kfpProducer: Producer = () => {
  const out: Produced[] = [
    { kindKey: 'kfp/PipelineSpec', file: 'kfp/PipelineSpec.json', schema: pipelineSpec() },
    { kindKey: 'kfp/PlatformSpec', file: 'kfp/PlatformSpec.json', schema: platformSpec() },
  ];
  return out;
};
