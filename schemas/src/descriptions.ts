import type { SchemaPath } from './convert';
import { suffixMatcher } from './suffix';

// Hover text for the fields users touch most, in our own words. Each entry matches the end of a
// field's path: property names joined by '.', with `*` for a map's values and `[]` for list items.
// Upstream descriptions are never copied; fields without an entry here have none.

const REPLICA_MAPS = '(tf|pytorch|xgb|paddle|jax|mpi)ReplicaSpecs';

const ENTRIES: readonly (readonly [string, string])[] = [
  // Kubeflow training operator (v1) and MPI operator (v2beta1)
  [`spec.${REPLICA_MAPS}`, 'The roles of the job (Master, Worker, Chief, PS, Launcher...), each with a replica count and a pod template.'],
  [`spec.${REPLICA_MAPS}.*`, 'One role of the job: how many pods to run and what each pod looks like.'],
  [`${REPLICA_MAPS}.*.replicas`, 'How many pods of this role to run. Master, Chief and Launcher roles take exactly 1.'],
  [`${REPLICA_MAPS}.*.restartPolicy`, 'What happens when a pod of this role fails: Always, OnFailure, Never, or ExitCode (restart only on retryable exit codes, 128 and above).'],
  [`${REPLICA_MAPS}.*.template`, 'The pod template of this role. The operator adds the rendezvous environment and ports to the container named after the framework.'],
  ['spec.runPolicy', 'Life-cycle settings shared by every role: clean-up, time limits, retries and gang scheduling.'],
  ['runPolicy.cleanPodPolicy', 'Which pods to delete when the job ends: None keeps them for their logs, Running deletes those still running, All deletes every pod.'],
  ['runPolicy.ttlSecondsAfterFinished', 'Seconds after the job ends before the job object and its pods are deleted. Unset: kept until you delete them.'],
  ['runPolicy.activeDeadlineSeconds', 'Seconds the job may run, counted from its start, before it is marked failed and its pods are stopped.'],
  ['runPolicy.backoffLimit', 'Retries before the whole job is marked failed.'],
  ['runPolicy.schedulingPolicy', 'Gang-scheduling settings, used when a batch scheduler (Volcano, scheduler-plugins) starts all pods together or none.'],
  ['schedulingPolicy.minAvailable', 'Pods that must be schedulable together before any starts. Defaults to all replicas of the job.'],
  ['schedulingPolicy.queue', 'The batch scheduler queue that the job is submitted to.'],
  ['runPolicy.suspend', 'While true, no pods run; setting it back to false starts the job.'],
  ['spec.nprocPerNode', 'Worker processes torchrun starts per pod: a number, or auto, gpu or cpu. Usually the GPU count of each pod.'],
  ['spec.elasticPolicy', 'Elastic training: torchrun rendezvous settings and the allowed range of workers.'],
  ['spec.slotsPerWorker', 'MPI slots (ranks) each worker pod offers in the generated hostfile. Usually the GPU count of each worker; defaults to 1.'],
  ['spec.mpiImplementation', 'The MPI the launcher uses (OpenMPI, Intel or MPICH); it decides the hostfile format and environment.'],
  ['spec.runLauncherAsWorker', 'Also run ranks in the launcher pod, which then needs the same resources as a worker.'],
  ['spec.launcherCreationPolicy', 'When the launcher starts: AtStartup, or WaitForWorkersReady once every worker pod is running.'],
  ['spec.sshAuthMountPath', 'Where the launcher and workers mount the SSH keys that mpirun uses to reach the workers.'],
  // Volcano
  ['spec.tasks', 'The task groups of a Volcano job, each with its own replica count and pod template. Names must be unique.'],
  ['spec.tasks.[].name', 'Name of the task group; pod names are <job>-<task>-<index>, so keep it short and DNS-safe.'],
  ['spec.tasks.[].replicas', 'How many pods of this task to run.'],
  ['spec.tasks.[].minAvailable', 'Pods of this task that must be schedulable together; at most its replicas.'],
  ['spec.minAvailable', 'Pods that must be schedulable together before any starts (gang scheduling); at most the sum of the tasks\' replicas.'],
  ['spec.schedulerName', 'The scheduler that places the pods: volcano for gang scheduling.'],
  ['spec.queue', 'The Volcano queue that the job is submitted to.'],
  ['spec.policies', 'Actions taken on events (PodFailed, PodEvicted, TaskCompleted...): restart the job, abort it, complete it. Each event at most once per list.'],
  ['spec.plugins', 'Volcano job plugins: ssh (keys for mpirun), svc (a headless service and hostfiles), env (task index variables), pytorch and others.'],
  ['spec.maxRetry', 'Restarts of the whole job allowed before it is marked failed.'],
  // Trainer v2
  ['spec.runtimeRef', 'The TrainingRuntime or ClusterTrainingRuntime that provides the job\'s blueprint.'],
  ['spec.trainer', 'Overrides of the runtime\'s trainer: image, command, node count, processes per node and resources.'],
  ['spec.trainer.numNodes', 'Training nodes (pods) to run.'],
  ['spec.trainer.numProcPerNode', 'Processes per node, usually the GPU count of each node.'],
  ['spec.trainer.resourcesPerNode', 'CPU, memory and GPU of each training node. GPUs (nvidia.com/gpu) belong in limits.'],
  // batch/v1 Job
  ['spec.parallelism', 'Pods that may run at the same time.'],
  ['spec.completions', 'Successful pods needed for the job to complete. With completionMode Indexed, each index 0..completions-1 must succeed once.'],
  ['spec.backoffLimit', 'Pod failures allowed before the job is marked failed (6 when unset).'],
  ['spec.completionMode', 'NonIndexed (any completions) or Indexed (each pod gets an index in JOB_COMPLETION_INDEX), the usual mode for distributed work.'],
  ['spec.ttlSecondsAfterFinished', 'Seconds after the job ends before it and its pods are deleted.'],
  ['spec.activeDeadlineSeconds', 'Seconds the job may run before it is stopped and marked failed.'],
  // Pod and container fields, wherever a pod template sits
  ['template.spec', 'The pod: its containers, volumes, scheduling constraints and restart behaviour.'],
  ['spec.containers', 'The containers of the pod. Training operators look for the one named after the framework.'],
  ['(containers|initContainers).[].name', 'Container name, unique in the pod. Kubeflow operators expect the framework\'s name (pytorch, tensorflow, xgboost, paddle, jax).'],
  ['(containers|initContainers).[].image', 'The container image. Pin a tag or digest: latest (or no tag) may pull a different image on every node.'],
  ['(containers|initContainers).[].command', 'Replaces the image\'s ENTRYPOINT. Each list item is one argument; no shell runs unless you call one.'],
  ['(containers|initContainers).[].args', 'Replaces the image\'s CMD: the arguments given to the command.'],
  ['(containers|initContainers).[].env', 'Environment variables of the container, such as NCCL_DEBUG or OMP_NUM_THREADS. Values are strings.'],
  ['(containers|initContainers).[].resources', 'CPU, memory and accelerator requests and limits of the container.'],
  ['resources.limits', 'The most the container may use. GPUs (nvidia.com/gpu) are requested here, as whole numbers.'],
  ['resources.requests', 'What the scheduler reserves for the container. A GPU in requests must also be in limits, with the same count.'],
  ['(containers|initContainers).[].imagePullPolicy', 'When the node pulls the image: Always, IfNotPresent, or Never.'],
  ['(containers|initContainers).[].volumeMounts', 'Where the pod\'s volumes appear in the container\'s file system. A larger /dev/shm for NCCL comes from an emptyDir with medium Memory.'],
  ['spec.restartPolicy', 'What the kubelet does when a container exits: Always, OnFailure or Never.'],
  ['spec.nodeSelector', 'Node labels the pod requires, such as an accelerator type.'],
  ['spec.tolerations', 'Taints the pod tolerates, such as the taint on GPU nodes.'],
  ['spec.volumes', 'Volumes the containers can mount: datasets, checkpoints, secrets, shared memory.'],
];

const match = suffixMatcher(ENTRIES);

/** Our description for a field, matched on the end of its path. */
export function describeField(path: SchemaPath): string | undefined {
  return match(path);
}
