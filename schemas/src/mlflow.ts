import type { JsonSchema, Producer } from './types';

// MLproject and MLmodel, written by us from MLflow's documentation of the two files and from what
// its loaders read (mlflow/projects/_project_spec.py, mlflow/models/model.py). Strict where the
// format is documented (the fields of a project, an entry point, a parameter, docker_env); open
// where it is not: an MLmodel keeps any extra field as metadata, and each flavor has fields of its own.

const HEAD = { $schema: 'http://json-schema.org/draft-07/schema#' } as const;
const SOURCE = 'MLflow documentation (MLflow Projects, MLflow Models) and loaders mlflow/projects/_project_spec.py, mlflow/models/model.py (mlflow/mlflow, Apache-2.0); written by us';

const str = (description: string): JsonSchema => ({ description, type: 'string' });
const strOrNull = (description: string): JsonSchema => ({ description, type: ['string', 'null'] });
const strings = (description: string): JsonSchema => ({ description, type: 'array', items: { type: 'string' } });

const PARAMETER: JsonSchema = {
  description: 'A parameter: its type alone (string, float, path, uri...), or a mapping with its type and default.',
  type: ['string', 'object'],
  properties: {
    type: str('The type: string (the default), float, path (a local file, or a URI downloaded first) or uri. Other names (int, bool...) are passed through as strings.'),
    default: { description: 'The value used when the run does not give one. A parameter without a default must be given.' },
  },
  additionalProperties: false,
};

const ENTRY_POINT: JsonSchema = {
  type: 'object',
  properties: {
    parameters: { description: 'The parameters of the entry point, by name.', type: 'object', additionalProperties: PARAMETER },
    command: str('The shell command to run. {name} is replaced by the value of the parameter name; write {{ and }} for literal braces.'),
  },
  required: ['command'],
  additionalProperties: false,
};

const DOCKER_ENV: JsonSchema = {
  description: 'Runs the entry points in a Docker container (only one of python_env, conda_env and docker_env).',
  type: 'object',
  properties: {
    image: str('The Docker image to run in (MLflow builds a new image from it with the project copied in).'),
    volumes: strings('Volumes to mount, as docker run -v takes them: /host/path:/container/path.'),
    environment: {
      description: 'Environment variables: a name to copy from the host, or a [name, value] pair.',
      type: 'array',
      items: { type: ['string', 'array'], items: { type: 'string' }, minItems: 2, maxItems: 2 },
    },
  },
  required: ['image'],
  additionalProperties: false,
};

const MLPROJECT: JsonSchema = {
  ...HEAD,
  title: 'MLproject',
  description: 'An MLflow project: its name, its entry points and the environment they run in.',
  'x-mlops-source': SOURCE,
  type: 'object',
  properties: {
    name: str('The name of the project.'),
    entry_points: {
      description: 'The commands of the project, by name (main is run by default). A .py or .sh file of the project can also be run without an entry point.',
      type: 'object',
      additionalProperties: ENTRY_POINT,
    },
    python_env: str('A python_env.yaml file (Python version and pip requirements): MLflow creates a virtualenv from it.'),
    conda_env: str('A conda environment file: MLflow creates the environment from it.'),
    docker_env: DOCKER_ENV,
    databricks_spark_job: {
      description: 'Runs the project as a Databricks Spark job (no python_env, conda_env or docker_env then).',
      type: 'object',
      properties: {
        python_file: str('The Python file the job runs, instead of the entry points.'),
        parameters: strings('The arguments of the Python file.'),
        python_libraries: strings('Python libraries to install on the cluster.'),
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const MLMODEL: JsonSchema = {
  ...HEAD,
  title: 'MLmodel',
  description: 'The description of an MLflow model: the flavors it can be loaded as, its signature and where it was logged from. MLflow writes it; other fields are kept as metadata.',
  'x-mlops-source': SOURCE,
  type: 'object',
  properties: {
    flavors: {
      // Null, missing or empty, and flavors that are not mappings, are MLW4404's.
      description: 'The ways the model can be loaded, by flavor (python_function, sklearn, pytorch...), each with the fields its loader reads.',
      type: ['object', 'null'],
    },
    artifact_path: strOrNull('Where the model was logged, in the artifacts of its run.'),
    run_id: strOrNull('The run that logged the model.'),
    model_uuid: strOrNull('A unique identifier of this model.'),
    model_id: strOrNull('The logged model this file belongs to.'),
    name: strOrNull('The name the model was logged under.'),
    utc_time_created: str('When the model was saved, in UTC.'),
    mlflow_version: { description: 'The version of MLflow that saved the model.', type: ['string', 'number'] },
    databricks_runtime: { description: 'The Databricks runtime the model was saved on.', type: ['string', 'number'] },
    signature: {
      description: 'The schema of the inputs, outputs and inference parameters of the model, each as a JSON string.',
      type: ['object', 'null'],
      properties: {
        inputs: strOrNull('The input schema, as JSON.'),
        outputs: strOrNull('The output schema, as JSON.'),
        params: strOrNull('The schema of the inference parameters, as JSON.'),
      },
      additionalProperties: false,
    },
    saved_input_example_info: {
      description: 'Where the input example saved with the model is, and its format.',
      type: ['object', 'null'],
      properties: { artifact_path: str('The file of the example, in the model folder.'), type: str('What the example is (dataframe, ndarray, json_object...).') },
    },
    metadata: { description: 'Metadata given when the model was logged.', type: ['object', 'null'] },
    model_size_bytes: { description: 'The size of the model files, in bytes.', type: ['integer', 'null'] },
    resources: { description: 'Resources the model uses (serving endpoints, indexes...), for authentication when it is served.', type: ['object', 'string', 'null'] },
    env_vars: { description: 'Environment variables the model read while it was logged; serving may need them.', type: ['array', 'null'], items: { type: 'string' } },
    auth_policy: { description: 'The authentication policy of the model when it is served.', type: ['object', 'null'] },
    prompts: { description: 'Prompts the model uses, by URI.', type: ['array', 'null'], items: { type: 'string' } },
  },
};

/** MLproject and MLmodel, served by file name. */
export const mlflowProducer: Producer = () => [
  { kindKey: 'MLproject', file: 'mlflow/MLproject.json', schema: MLPROJECT },
  { kindKey: 'MLmodel', file: 'mlflow/MLmodel.json', schema: MLMODEL },
];
