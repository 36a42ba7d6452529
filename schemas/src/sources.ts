// The upstream CRDs our schemas come from, read from the corpus (../shared/corpus) at generation
// time. Field names, types and enums are facts of these public APIs; descriptions are ours.

export interface CrdSource {
  /** Path inside the corpus. */
  readonly file: string;
  /** Served versions to generate (others in the CRD are skipped). */
  readonly versions: readonly string[];
}

export const CRD_SOURCES: readonly CrdSource[] = [
  { file: 'training-operator/manifests/base/crds/kubeflow.org_tfjobs.yaml', versions: ['v1'] },
  { file: 'training-operator/manifests/base/crds/kubeflow.org_pytorchjobs.yaml', versions: ['v1'] },
  { file: 'training-operator/manifests/base/crds/kubeflow.org_xgboostjobs.yaml', versions: ['v1'] },
  { file: 'training-operator/manifests/base/crds/kubeflow.org_paddlejobs.yaml', versions: ['v1'] },
  { file: 'training-operator/manifests/base/crds/kubeflow.org_jaxjobs.yaml', versions: ['v1'] },
  { file: 'training-operator/manifests/base/crds/kubeflow.org_mpijobs.yaml', versions: ['v1'] },
  { file: 'mpi-operator/manifests/base/kubeflow.org_mpijobs.yaml', versions: ['v2beta1'] },
  { file: 'kubeflow-trainer-v2/manifests/base/crds/trainer.kubeflow.org_trainjobs.yaml', versions: ['v1alpha1'] },
  { file: 'kubeflow-trainer-v2/manifests/base/crds/trainer.kubeflow.org_trainingruntimes.yaml', versions: ['v1alpha1'] },
  { file: 'kubeflow-trainer-v2/manifests/base/crds/trainer.kubeflow.org_clustertrainingruntimes.yaml', versions: ['v1alpha1'] },
  { file: 'volcano/config/crd/volcano/bases/batch.volcano.sh_jobs.yaml', versions: ['v1alpha1'] },
  // Model serving: KServe, Seldon Core 1 and 2 (every served version)
  { file: 'kserve/config/crd/full/serving.kserve.io_inferenceservices.yaml', versions: ['v1beta1'] },
  { file: 'kserve/config/crd/full/serving.kserve.io_servingruntimes.yaml', versions: ['v1alpha1'] },
  { file: 'kserve/config/crd/full/serving.kserve.io_clusterservingruntimes.yaml', versions: ['v1alpha1'] },
  { file: 'kserve/config/crd/full/serving.kserve.io_inferencegraphs.yaml', versions: ['v1alpha1'] },
  { file: 'kserve/config/crd/full/serving.kserve.io_trainedmodels.yaml', versions: ['v1alpha1'] },
  { file: 'kserve/config/crd/full/llmisvc/serving.kserve.io_llminferenceservices.yaml', versions: ['v1alpha1', 'v1alpha2'] },
  { file: 'kserve/config/crd/full/llmisvc/serving.kserve.io_llminferenceserviceconfigs.yaml', versions: ['v1alpha1', 'v1alpha2'] },
  { file: 'seldon-core-v1/operator/config/crd/bases/machinelearning.seldon.io_seldondeployments.yaml', versions: ['v1', 'v1alpha2', 'v1alpha3'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_models.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_servers.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_pipelines.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_experiments.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_seldonruntimes.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_serverconfigs.yaml', versions: ['v1alpha1'] },
  { file: 'seldon-core-v2/operator/config/crd/bases/mlops.seldon.io_seldonconfigs.yaml', versions: ['v1alpha1'] },
];

/**
 * batch/v1 Job takes its JobSpec from a CRD that embeds one (a JobSet's replicated job template,
 * inside Trainer's TrainingRuntime). The generator checks that its fields are exactly these, the
 * JobSpec fields of the Kubernetes API reference (batch/v1, Kubernetes 1.33).
 */
export const JOB_SPEC_SOURCE = {
  file: 'kubeflow-trainer-v2/manifests/base/crds/trainer.kubeflow.org_trainingruntimes.yaml',
  version: 'v1alpha1',
  path: ['spec', 'template', 'spec', 'replicatedJobs', '[]', 'template', 'spec'],
} as const;

export const JOB_SPEC_FIELDS = [
  'activeDeadlineSeconds', 'backoffLimit', 'backoffLimitPerIndex', 'completionMode', 'completions',
  'managedBy', 'manualSelector', 'maxFailedIndexes', 'parallelism', 'podFailurePolicy',
  'podReplacementPolicy', 'selector', 'successPolicy', 'suspend', 'template', 'ttlSecondsAfterFinished',
] as const;

/** One line per kind, ours: the schema's title and the description of the document. */
export const KIND_DESCRIPTIONS: Record<string, string> = {
  TFJob: 'A distributed TensorFlow training job run by the Kubeflow training operator.',
  PyTorchJob: 'A distributed PyTorch training job (torchrun) run by the Kubeflow training operator.',
  XGBoostJob: 'A distributed XGBoost training job run by the Kubeflow training operator.',
  PaddleJob: 'A distributed PaddlePaddle training job run by the Kubeflow training operator.',
  JAXJob: 'A distributed JAX training job run by the Kubeflow training operator.',
  MPIJob: 'An MPI job: a launcher runs mpirun over worker pods, for Horovod, NCCL tests and other MPI programs.',
  TrainJob: 'A Kubeflow Trainer job: a training run built from a TrainingRuntime blueprint.',
  TrainingRuntime: 'A namespaced Kubeflow Trainer blueprint: the JobSet, ML policy and gang scheduling that TrainJobs start from.',
  ClusterTrainingRuntime: 'A cluster-wide Kubeflow Trainer blueprint that TrainJobs of every namespace can use.',
  Job: 'A batch job: pods that run to completion.',
  // Model serving
  InferenceService: 'A KServe model server: a predictor (one model framework or custom containers), with an optional transformer and explainer, behind one endpoint.',
  ServingRuntime: 'A namespaced KServe model server template: the containers and the model formats they load, picked by InferenceServices of this namespace.',
  ClusterServingRuntime: 'A cluster-wide KServe model server template that InferenceServices of every namespace can pick.',
  InferenceGraph: 'A KServe inference graph: nodes that route, split, ensemble or chain requests between InferenceServices.',
  TrainedModel: 'An extra model loaded into a running multi-model KServe InferenceService.',
  LLMInferenceService: 'A KServe large language model deployment: model, replicas, parallelism, router and scheduler of an LLM server such as vLLM.',
  LLMInferenceServiceConfig: 'Reusable, partial settings that LLMInferenceServices reference and merge into their own.',
  SeldonDeployment: 'A Seldon Core 1 deployment: predictors, each an inference graph of models, routers and transformers with the pods that serve them.',
  Model: 'A Seldon Core 2 model: where its artifact is stored and what a server needs to load it.',
  Server: 'A Seldon Core 2 inference server (MLServer, Triton...) that models are scheduled onto.',
  Pipeline: 'A Seldon Core 2 pipeline: steps that pass model inputs and outputs between models through Kafka.',
  Experiment: 'A Seldon Core 2 experiment: traffic split between candidate models or pipelines, with an optional mirror.',
  SeldonRuntime: 'The Seldon Core 2 control plane and data plane of one namespace, built from a SeldonConfig.',
  ServerConfig: 'A Seldon Core 2 server template: the pod that Servers referencing it start from.',
  SeldonConfig: 'The Seldon Core 2 installation template: the components and settings SeldonRuntimes are made from.',
};
