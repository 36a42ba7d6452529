import type { DocumentRule } from '../../engine/types';
import { containerRules } from './containers';
import { REPLICA_KINDS } from './kinds';
import { mpiRules } from './mpi';
import { nameRules } from './names';
import { procRules } from './procs';
import { replicaRules } from './replicas';
import { resourceRules } from './resources';
import { volcanoRules } from './volcano';

const TRAINER = 'trainer.kubeflow.org/v1alpha1';
const pods = [containerRules, resourceRules] as const;

function replicaKindRules(): [string, readonly DocumentRule[]][] {
  return REPLICA_KINDS.map((k) => {
    const extra = k.kind === 'MPIJob' ? [mpiRules] : k.kind === 'PyTorchJob' ? [procRules] : [];
    return [`${k.apiVersion}/${k.kind}`, [replicaRules(k), nameRules, ...pods, ...extra]];
  });
}

/** The rules beyond the schema for training jobs, per `apiVersion/kind`. */
export const jobRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = Object.fromEntries([
  ...replicaKindRules(),
  [`${TRAINER}/TrainJob`, [nameRules, procRules, ...pods]],
  [`${TRAINER}/TrainingRuntime`, pods],
  [`${TRAINER}/ClusterTrainingRuntime`, pods],
  ['batch.volcano.sh/v1alpha1/Job', [nameRules, volcanoRules, ...pods]],
  ['batch/v1/Job', pods],
]);
