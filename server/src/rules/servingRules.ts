import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules beyond the schema for model serving: KServe, Seldon Core 1 and 2, and BentoML's bentofile.yaml. */
export const servingRules = [
  {
    code: 'MLW5001',
    name: 'kserve-predictor-implementation',
    severity: DiagnosticSeverity.Error,
    summary: 'An InferenceService predictor with no model server, or with more than one.',
    explanation:
      'A predictor runs exactly one model server: one framework (sklearn, xgboost, tensorflow, pytorch, triton, onnx, pmml, lightgbm, paddle, huggingface), the generic model with its modelFormat, or custom containers (the one named kserve-container, else the first). KServe\'s webhook rejects a predictor with none or with several. Keep one; other containers beside a framework run as sidecars unless one is named kserve-container.',
  },
  {
    code: 'MLW5002',
    name: 'kserve-storage-uri',
    severity: DiagnosticSeverity.Error,
    summary: 'A storageUri with a scheme KServe cannot download from.',
    explanation:
      'KServe\'s storage initializer downloads models from gs://, s3://, pvc://, file://, http(s):// (Azure Blob URLs included), hdfs://, webhdfs://, oci:// (and oci+native://, oci+fetch://) and hf:// URIs, or reads a local path. Any other scheme is rejected, unless a ClusterStorageContainer of the cluster handles it: add that ClusterStorageContainer to the workspace and the URI is accepted.',
  },
  {
    code: 'MLW5003',
    name: 'kserve-graph-node',
    severity: DiagnosticSeverity.Error,
    summary: 'An InferenceGraph step routes to a node the graph does not have.',
    explanation:
      'nodeName sends the request to another node of the same graph, by its key under spec.nodes. No node has that name, so the router fails on every request that reaches the step. Fix the name or add the node.',
  },
  {
    code: 'MLW5004',
    name: 'kserve-graph-service',
    severity: DiagnosticSeverity.Error,
    summary: 'An InferenceGraph step names an InferenceService that is not deployed with it.',
    explanation:
      'serviceName is the name of an InferenceService of the graph\'s namespace. The graph\'s file deploys InferenceServices, and neither it nor the rest of the workspace has one of that name, so the step has nothing to call. Fix the name. Nothing is reported when the file has no InferenceService (they are then deployed elsewhere).',
  },
  {
    code: 'MLW5005',
    name: 'kserve-graph-target',
    severity: DiagnosticSeverity.Error,
    summary: 'An InferenceGraph step with no target, or with more than one.',
    explanation:
      'Each step calls exactly one target: another node (nodeName), an InferenceService (serviceName) or a URL (serviceUrl). KServe\'s webhook rejects a step with none or several. Keep one.',
  },
  {
    code: 'MLW5006',
    name: 'kserve-graph-root',
    severity: DiagnosticSeverity.Error,
    summary: 'An InferenceGraph without a node named root.',
    explanation: 'Requests enter the graph at the node named root; KServe\'s webhook rejects a graph that has none. Name the entry node root.',
  },
  {
    code: 'MLW5007',
    name: 'kserve-graph-weights',
    severity: DiagnosticSeverity.Error,
    summary: 'A Splitter node whose step weights are missing or do not add up to 100.',
    explanation: 'A Splitter node sends each request to one step, chosen by weight, as a percentage of the traffic. KServe\'s webhook rejects the graph unless every step has a weight and they add up to 100.',
  },
  {
    code: 'MLW5101',
    name: 'seldon-graph-container',
    severity: DiagnosticSeverity.Error,
    summary: 'A SeldonDeployment graph node without an implementation has no container of its name.',
    explanation:
      'A graph node runs either a prepackaged server (implementation: SKLEARN_SERVER... with a modelUri) or your own image: the container of the predictor\'s componentSpecs whose name is the node\'s name. Without either, Seldon\'s webhook rejects the deployment ("can\'t find container for predictive unit"). Rename the node or the container so that they match, or set implementation. Nodes with an endpoint service_host (the executor run alone, calling servers you start) are not checked.',
  },
  {
    code: 'MLW5102',
    name: 'seldon-pipeline-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A Seldon Pipeline input, trigger or output names no step of the pipeline.',
    explanation:
      'Steps\' inputs and triggers name what feeds them: a step (`step`, `step.outputs`, `step.outputs.TENSOR`, `step.inputs.TENSOR`) or the pipeline\'s own inputs (`<pipeline>.inputs`, `<pipeline>.inputs.TENSOR`); output.steps names the steps whose outputs the pipeline returns. The scheduler rejects a pipeline whose references name no step, are empty, or have another form. Fix the name.',
  },
  {
    code: 'MLW5103',
    name: 'seldon-step-pipeline-name',
    severity: DiagnosticSeverity.Error,
    summary: 'A Seldon Pipeline step has the name of its pipeline.',
    explanation:
      'References such as `<name>.inputs` would mean both the step and the pipeline\'s inputs, so the scheduler rejects the pipeline. Rename the pipeline (or the step, and the model it runs).',
  },
  {
    code: 'MLW5104',
    name: 'seldon-resource-name',
    severity: DiagnosticSeverity.Error,
    summary: 'A Seldon Model, Server, Pipeline or Experiment name that is not a DNS label.',
    explanation:
      'Seldon names Kubernetes objects, Kafka topics and pipeline references after these resources: a name must be at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (a Server\'s, which becomes a Service name, starting with a letter). A dot breaks references such as `model.outputs`, and a Server so named is never scheduled. Rename it.',
  },
  {
    code: 'MLW5105',
    name: 'seldon-name-underscore',
    severity: DiagnosticSeverity.Warning,
    summary: 'A Seldon Model, Pipeline or Experiment name with an underscore.',
    explanation:
      'The Seldon scheduler accepts underscores, so the resource works when loaded with the seldon CLI outside Kubernetes; the Kubernetes API server rejects the name, so kubectl apply fails. Use \'-\' if it is meant for a cluster.',
  },
  {
    code: 'MLW5106',
    name: 'seldon-experiment-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A Seldon Experiment candidate or mirror names a model (or pipeline) that is not deployed with it.',
    explanation:
      'Candidates, the mirror and the default name Models (Pipelines with resourceType: pipeline) of the namespace. The Experiment\'s file defines models (pipelines), and neither it nor the rest of the workspace has one of that name, so the experiment never becomes ready. Fix the name. Nothing is reported when the file defines none.',
  },
  {
    code: 'MLW5201',
    name: 'bentofile-ignored-option',
    severity: DiagnosticSeverity.Warning,
    summary: 'A bentofile.yaml option that another option makes BentoML ignore.',
    explanation:
      'BentoML builds from the stronger option and only logs a warning for the other: python.packages is ignored with requirements_txt; distro, python_version, cuda_version and system_packages with docker.base_image; channels, dependencies and pip with conda.environment_yml; index_url and extra_index_url with no_index. Remove the option that does nothing, or the one that overrides it.',
  },
  {
    code: 'MLW5202',
    name: 'bentofile-python-version',
    severity: DiagnosticSeverity.Error,
    summary: 'docker.python_version is not a Python version, or YAML reads it as another number.',
    explanation:
      'BentoML wants major.minor (3.11) or major.minor.patch. Unquoted, 3.10 is the number 3.1 in YAML, and BentoML would look for Python 3.1. Quote the version: python_version: "3.10".',
  },
] as const satisfies readonly RuleInfo[];
