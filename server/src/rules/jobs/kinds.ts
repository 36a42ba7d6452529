import type { ValuePath } from '../../engine/types';
import { asArray, asRecord, entries, get, type Obj } from './helpers';

/** A Kubeflow job kind whose replicas sit in a map of replica type to replica spec. */
export interface ReplicaKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** The field of `spec` that holds the replica specs. */
  readonly replicaKey: string;
  /** The container the operator wires ports and env into; none for MPIJob. */
  readonly container: string | undefined;
  readonly replicaTypes: readonly string[];
}

const V1 = 'kubeflow.org/v1';
const PRIMARY_WORKER = ['Master', 'Worker'];
const MPI = ['Launcher', 'Worker'];

export const REPLICA_KINDS: readonly ReplicaKind[] = [
  { apiVersion: V1, kind: 'TFJob', replicaKey: 'tfReplicaSpecs', container: 'tensorflow', replicaTypes: ['Chief', 'Master', 'PS', 'Worker', 'Evaluator'] },
  { apiVersion: V1, kind: 'PyTorchJob', replicaKey: 'pytorchReplicaSpecs', container: 'pytorch', replicaTypes: PRIMARY_WORKER },
  { apiVersion: V1, kind: 'XGBoostJob', replicaKey: 'xgbReplicaSpecs', container: 'xgboost', replicaTypes: PRIMARY_WORKER },
  { apiVersion: V1, kind: 'PaddleJob', replicaKey: 'paddleReplicaSpecs', container: 'paddle', replicaTypes: PRIMARY_WORKER },
  { apiVersion: V1, kind: 'JAXJob', replicaKey: 'jaxReplicaSpecs', container: 'jax', replicaTypes: ['Worker'] },
  { apiVersion: V1, kind: 'MPIJob', replicaKey: 'mpiReplicaSpecs', container: undefined, replicaTypes: MPI },
  { apiVersion: 'kubeflow.org/v2beta1', kind: 'MPIJob', replicaKey: 'mpiReplicaSpecs', container: undefined, replicaTypes: MPI },
];

/** One replica type of a job: `spec.<replicaKey>.<type>`. */
export interface Replica {
  readonly type: string;
  readonly path: ValuePath;
  readonly spec: unknown;
}

export function replicasOfJob(value: unknown, replicaKey: string): readonly Replica[] {
  return entries(get(value, 'spec', replicaKey)).map(([type, spec]) => ({ type, path: ['spec', replicaKey, type], spec }));
}

/** A pod template (a PodTemplateSpec) somewhere in a manifest. */
export interface PodTemplate {
  readonly path: ValuePath;
  readonly value: unknown;
}

/** A container of a pod template, with its path. */
export interface Container {
  readonly path: ValuePath;
  readonly value: Obj;
}

function replicatedJobTemplates(value: unknown): PodTemplate[] {
  const jobs = asArray(get(value, 'spec', 'template', 'spec', 'replicatedJobs'));
  return jobs.map((job, i) => ({
    path: ['spec', 'template', 'spec', 'replicatedJobs', i, 'template', 'spec', 'template'],
    value: get(job, 'template', 'spec', 'template'),
  }));
}

function volcanoTemplates(value: unknown): PodTemplate[] {
  return asArray(get(value, 'spec', 'tasks')).map((task, i) => ({ path: ['spec', 'tasks', i, 'template'], value: get(task, 'template') }));
}

/** Every pod template of a document of a kind we handle (`apiVersion/kind`). */
export function podTemplates(key: string, value: unknown): readonly PodTemplate[] {
  const replicaKind = REPLICA_KINDS.find((k) => `${k.apiVersion}/${k.kind}` === key);
  if (replicaKind !== undefined) {
    return replicasOfJob(value, replicaKind.replicaKey).map((r) => ({ path: [...r.path, 'template'], value: get(r.spec, 'template') }));
  }
  switch (key) {
    case 'trainer.kubeflow.org/v1alpha1/TrainingRuntime':
    case 'trainer.kubeflow.org/v1alpha1/ClusterTrainingRuntime':
      return replicatedJobTemplates(value);
    case 'batch.volcano.sh/v1alpha1/Job':
      return volcanoTemplates(value);
    case 'batch/v1/Job':
      return [{ path: ['spec', 'template'], value: get(value, 'spec', 'template') }];
    default:
      return [];
  }
}

const CONTAINER_LISTS = ['initContainers', 'containers'] as const;

/** The containers and init containers of a pod template; entries that are not mappings are skipped. */
export function containersOf(template: PodTemplate): readonly Container[] {
  const out: Container[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(get(template.value, 'spec', list)).forEach((c, i) => {
      const rec = asRecord(c);
      if (rec !== undefined) out.push({ path: [...template.path, 'spec', list, i], value: rec });
    });
  }
  return out;
}

/** The containers (not init containers) of a pod template, with their paths. */
export function mainContainers(template: PodTemplate): readonly Container[] {
  return containersOf(template).filter((c) => c.path.at(-2) === 'containers');
}

/** Where to point for a container as a whole: its name key, else its first key. */
export function anchorOf(c: Container): ValuePath {
  if (Object.hasOwn(c.value, 'name')) return [...c.path, 'name'];
  const first = Object.keys(c.value)[0];
  return first === undefined ? c.path : [...c.path, first];
}
