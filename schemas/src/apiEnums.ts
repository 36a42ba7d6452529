import type { SchemaPath } from './convert';
import { suffixMatcher } from './suffix';

// Value sets that the API server enforces but that the CRDs' schemas leave as plain strings
// (controller-gen does not carry the core API's validation into embedded pod templates). They
// come from the Kubernetes API reference (core/v1, batch/v1) and the operators' API types. A pod
// template with a bad value is accepted with the job and fails later, when the operator creates
// the pod: we report it at edit time.

const REPLICA_MAPS = '(tf|pytorch|xgb|paddle|jax|mpi)ReplicaSpecs';

const ENTRIES: readonly (readonly [string, readonly string[]])[] = [
  // Kubeflow training operator v1 and MPI operator v2beta1 ReplicaSpec.restartPolicy
  [`${REPLICA_MAPS}.*.restartPolicy`, ['Always', 'OnFailure', 'Never', 'ExitCode']],
  // batch/v1 JobSpec
  ['spec.completionMode', ['NonIndexed', 'Indexed']],
  ['spec.podReplacementPolicy', ['TerminatingOrFailed', 'Failed']],
  ['podFailurePolicy.rules.[].action', ['FailJob', 'FailIndex', 'Ignore', 'Count']],
  ['onExitCodes.operator', ['In', 'NotIn']],
  // core/v1 PodSpec and Container. A Job's pods (batch/v1, and a JobSet's jobs) may not restart.
  ['spec.template.spec.restartPolicy', ['OnFailure', 'Never']],
  ['template.spec.restartPolicy', ['Always', 'OnFailure', 'Never']],
  ['template.spec.dnsPolicy', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']],
  ['template.spec.preemptionPolicy', ['PreemptLowerPriority', 'Never']],
  ['(containers|initContainers|ephemeralContainers).[].imagePullPolicy', ['Always', 'IfNotPresent', 'Never']],
  ['(containers|initContainers|ephemeralContainers).[].terminationMessagePolicy', ['File', 'FallbackToLogsOnError']],
  ['ports.[].protocol', ['TCP', 'UDP', 'SCTP']],
  ['tolerations.[].operator', ['Exists', 'Equal']],
  ['tolerations.[].effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute']],
  ['(matchExpressions|matchFields).[].operator', ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']],
];

const match = suffixMatcher(ENTRIES);

/** The values the API accepts for a string field, where its CRD schema does not list them. */
export function apiEnum(path: SchemaPath): readonly string[] | undefined {
  return match(path);
}
