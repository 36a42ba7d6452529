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
};
