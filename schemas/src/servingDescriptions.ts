import type { SchemaPath } from './convert';
import { describeField } from './descriptions';
import { suffixMatcher } from './suffix';

// Hover text for the model-serving kinds (KServe, Seldon Core 1 and 2), in our own words, matched
// on the end of a field's path like descriptions.ts. These entries come first; a path they do not
// match falls back to the shared pod and container descriptions. `null` silences a shared entry
// written for training jobs that would mislead here (spec.parallelism of a Job, for one).

/** API groups whose CRDs take these descriptions. */
export const SERVING_GROUPS: ReadonlySet<string> = new Set(['serving.kserve.io', 'machinelearning.seldon.io', 'mlops.seldon.io']);

const COMPONENTS = '(predictor|transformer|explainer)';

const ENTRIES: readonly (readonly [string, string | null])[] = [
  // KServe InferenceService
  ['spec.predictor', 'The model server: exactly one framework (sklearn, xgboost, pytorch...), model with its modelFormat, or custom containers.'],
  ['spec.transformer', 'Pre- and post-processing in front of the predictor, run as its own containers.'],
  ['spec.explainer', 'A server that explains the predictor\'s results, beside it.'],
  [`${COMPONENTS}.minReplicas`, 'Fewest replicas of the component; 0 lets it scale to zero when idle (serverless mode).'],
  [`${COMPONENTS}.maxReplicas`, 'Most replicas the autoscaler may run.'],
  [`${COMPONENTS}.canaryTrafficPercent`, 'Percent of the traffic sent to the latest revision; the rest stays on the last ready one.'],
  [`${COMPONENTS}.storageUris`, 'Several model locations, each downloaded to its own mount path.'],
  ['model.modelFormat', 'The model\'s format (name, optional version): KServe picks a serving runtime that supports it.'],
  ['model.runtime', 'The ServingRuntime or ClusterServingRuntime to use, instead of the one KServe picks for the format.'],
  ['storageUri', 'Where the model is downloaded from, such as gs://bucket/path, s3://bucket/path or pvc://claim/path.'],
  ['protocolVersion', 'The inference protocol the server speaks: v1, v2 (Open Inference Protocol), grpc-v1 or grpc-v2.'],
  // KServe ServingRuntime, ClusterServingRuntime
  ['spec.supportedModelFormats', 'The model formats this runtime loads; with autoSelect, KServe picks it for InferenceServices of those formats.'],
  ['spec.multiModel', 'Whether one server loads many models (ModelMesh) rather than one.'],
  // KServe InferenceGraph
  ['spec.nodes', 'The nodes of the graph, by name. Requests enter at the node named root.'],
  ['spec.nodes.*.routerType', 'How the node routes a request: Sequence (steps one after the other), Splitter (one step, by weight), Ensemble (every step, results merged) or Switch (the first step whose condition matches).'],
  ['spec.nodes.*.steps', 'The targets of the node, each a node of the graph, an InferenceService or a URL.'],
  ['steps.[].nodeName', 'Another node of this graph to send the request to.'],
  ['steps.[].serviceName', 'An InferenceService of the graph\'s namespace to send the request to.'],
  ['steps.[].serviceUrl', 'A URL to send the request to.'],
  ['steps.[].weight', 'The percent of traffic a Splitter node sends to this step; a Splitter\'s weights add up to 100.'],
  ['steps.[].condition', 'For a Switch node: a GJSON condition on the request; the first matching step is taken.'],
  // KServe LLMInferenceService
  ['spec.parallelism', 'How the model is split over GPUs and nodes: tensor, pipeline, data and expert parallelism.'],
  ['spec.router', 'The gateway route, inference pool and scheduler that send requests to the model servers.'],
  ['spec.prefill', 'Separate prefill workers, for disaggregated prefill and decode.'],
  ['spec.baseRefs', 'LLMInferenceServiceConfigs whose settings this resource starts from, merged in order.'],
  // Seldon Core 1 SeldonDeployment
  ['spec.predictors', 'The predictors of the deployment, each an inference graph with the pods that run it; traffic is split between them.'],
  ['predictors.[].graph', 'The root node of the inference graph: a model, router, combiner or transformer, with its children.'],
  ['predictors.[].componentSpecs', 'Pod specs whose containers run the graph\'s nodes, matched by the nodes\' names.'],
  ['predictors.[].traffic', 'Percent of the requests this predictor receives.'],
  ['graph.name', 'The node\'s name: unless implementation is set, the name of the container of the componentSpecs that runs it.'],
  ['graph.implementation', 'A prepackaged server that loads modelUri (SKLEARN_SERVER, XGBOOST_SERVER, TENSORFLOW_SERVER, MLFLOW_SERVER, TRITON_SERVER...). Unset: a container of yours runs the node.'],
  ['graph.modelUri', 'Where a prepackaged server downloads the model from, such as gs://bucket/path.'],
  ['graph.children', 'The nodes that receive this node\'s output (or that a router or combiner calls).'],
  // Seldon Core 2
  ['spec.requirements', 'Capabilities a Server must have to load the model, such as sklearn or tensorflow.'],
  ['spec.server', 'The Server to load the model on, instead of any Server with the needed capabilities.'],
  ['spec.serverConfig', 'The ServerConfig whose pod template this Server runs.'],
  ['spec.steps', 'The steps of the pipeline, each running the model (or pipeline) of its name.'],
  ['spec.steps.[].inputs', 'What the step reads: step, step.outputs, step.outputs.TENSOR, step.inputs.TENSOR or <pipeline>.inputs. None: the pipeline\'s inputs.'],
  ['spec.steps.[].triggers', 'References that must have data before the step runs; their data is not passed to it.'],
  ['tensorMap', 'Renames tensors: a reference (step.outputs.TENSOR) to the name the receiving model expects.'],
  ['spec.output.steps', 'The steps whose outputs the pipeline returns.'],
  ['spec.candidates', 'The models (or pipelines) that share the traffic, each with a weight.'],
  ['spec.default', 'The model (or pipeline) whose endpoint the experiment takes over, splitting its requests between the candidates.'],
  ['spec.mirror', 'A model (or pipeline) that gets a copy of a percent of the traffic; its responses are dropped.'],
  ['spec.resourceType', 'What the candidates are: model (the default) or pipeline.'],
  // Shared pod and container entries reworded for servers, or silenced
  ['spec.containers', 'The containers of the pod. KServe serves models from the one named kserve-container; a Seldon graph node without implementation runs the container of its name.'],
  ['(containers|initContainers).[].name', 'Container name, unique in the pod. KServe\'s model server is kserve-container; Seldon matches graph nodes to containers by name.'],
  ['spec.schedulerName', 'The scheduler that places the pods; the default scheduler when unset.'],
  ['spec.activeDeadlineSeconds', 'Seconds a pod may run before it is stopped; rarely wanted for a server.'],
];

const match = suffixMatcher(ENTRIES);

/** Our description for a field of a serving kind: the entries above, else the shared ones. */
export function describeServingField(path: SchemaPath): string | undefined {
  const own = match(path);
  return own === null ? undefined : own ?? describeField(path);
}
