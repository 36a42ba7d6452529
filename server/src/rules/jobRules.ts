import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules beyond the schema for training jobs: Kubeflow, Trainer v2, MPI, Volcano and batch Jobs. */
export const jobRules = [
  {
    code: 'MLW1201',
    name: 'job-default-container',
    severity: DiagnosticSeverity.Error,
    summary: 'A Kubeflow replica has no container with the framework\'s default name.',
    explanation:
      'The training operator rejects the job, and in any case only sets the ports and environment (MASTER_ADDR, TF_CONFIG...) on the container named after the framework: tensorflow, pytorch, xgboost, paddle or jax. Rename the training container to that name.',
  },
  {
    code: 'MLW1202',
    name: 'container-image',
    severity: DiagnosticSeverity.Error,
    summary: 'A container without an image.',
    explanation: 'The API server rejects a pod whose container has no image, so the job creates no pods. Add the image the container should run.',
  },
  {
    code: 'MLW1203',
    name: 'replica-type',
    severity: DiagnosticSeverity.Error,
    summary: 'A replica type this kind of job does not have.',
    explanation:
      'Each operator knows a fixed set of replica types (Master and Worker for PyTorchJob, Launcher and Worker for MPIJob...), spelt with a capital letter. The job is rejected, or the replica is never created. Use one of the types the message lists.',
  },
  {
    code: 'MLW1204',
    name: 'replica-count',
    severity: DiagnosticSeverity.Error,
    summary: 'A replica type that must run exactly once has another count.',
    explanation:
      'There is a single coordinator: the Master of a PyTorchJob or XGBoostJob, the Chief or Master of a TFJob (not both), the Launcher of an MPIJob. The operator rejects other counts; set replicas to 1.',
  },
  {
    code: 'MLW1205',
    name: 'mpi-slots-unset',
    severity: DiagnosticSeverity.Warning,
    summary: 'An MPIJob without slotsPerWorker.',
    explanation:
      'The MPI operator then writes one slot per worker into the hostfile, so a worker with several GPUs runs a single rank and leaves the others idle. Set slotsPerWorker to the number of processes each worker should run, usually its GPU count.',
  },
  {
    code: 'MLW1206',
    name: 'job-name',
    severity: DiagnosticSeverity.Error,
    summary: 'A job name that cannot become a Service name.',
    explanation:
      'The operators name Services and hostnames after the job, and those must be DNS-1035 labels: at most 63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit. Rename the job.',
  },
  {
    code: 'MLW1207',
    name: 'job-name-length',
    severity: DiagnosticSeverity.Error,
    summary: 'The names the operator derives from the job name are too long.',
    explanation:
      'Pods and Services are named after the job, the replica type or task and an index, and that name must fit in 63 characters. The job is rejected or its pods are never created; shorten the job name.',
  },
  {
    code: 'MLW1301',
    name: 'volcano-task-name',
    severity: DiagnosticSeverity.Error,
    summary: 'Two Volcano tasks with the same name.',
    explanation: 'Volcano names pods after their task, so its admission webhook rejects a job whose task names repeat. Give each task its own name.',
  },
  {
    code: 'MLW1302',
    name: 'volcano-policy-event',
    severity: DiagnosticSeverity.Error,
    summary: 'One event has two policies in the same list.',
    explanation:
      'Volcano cannot tell which action to take when an event appears twice in a policies list (through event or events, with `*` standing for every event), so its admission webhook rejects the job. Keep one policy per event.',
  },
  {
    code: 'MLW1303',
    name: 'volcano-min-available',
    severity: DiagnosticSeverity.Error,
    summary: 'minAvailable is above the number of replicas.',
    explanation:
      'Gang scheduling waits until minAvailable pods can run together; with more than the job (or task) has, it could never start, and the admission webhook rejects it. Lower minAvailable or add replicas.',
  },
  {
    code: 'MLW1401',
    name: 'gpu-request-limit',
    severity: DiagnosticSeverity.Error,
    summary: 'A GPU request without a matching limit.',
    explanation:
      'GPUs are an extended resource: Kubernetes requires them in limits, and a request, if written, must equal the limit. The pod is rejected otherwise. Put the GPU count in limits and drop the request or make it equal.',
  },
  {
    code: 'MLW1402',
    name: 'gpu-quantity',
    severity: DiagnosticSeverity.Error,
    summary: 'A GPU count that is not a whole number.',
    explanation: 'GPUs cannot be shared through requests and limits: the API server rejects fractional (0.5, 500m) and negative counts. Use a whole number, such as 1 or "2".',
  },
  {
    code: 'MLW1403',
    name: 'mpi-slots-gpus',
    severity: DiagnosticSeverity.Warning,
    summary: 'An MPIJob\'s slotsPerWorker differs from its workers\' GPU count.',
    explanation:
      'Each slot runs one MPI rank, and GPU jobs usually run one rank per GPU: fewer slots leave GPUs idle, more put several ranks on one GPU. Make slotsPerWorker equal to the GPU limit of a worker unless this is intended.',
  },
  {
    code: 'MLW1404',
    name: 'procs-above-gpus',
    severity: DiagnosticSeverity.Warning,
    summary: 'More processes per node than GPUs per node.',
    explanation:
      'torchrun starts nprocPerNode (numProcPerNode for a TrainJob) processes on each node, one per GPU as a rule; with fewer GPUs, several processes share a GPU and usually run out of its memory. Lower the process count or raise the GPU limit.',
  },
  {
    code: 'MLW1405',
    name: 'mpirun-np',
    severity: DiagnosticSeverity.Warning,
    summary: 'The launcher\'s `mpirun -np` does not match the workers and their slots.',
    explanation:
      'The hostfile offers workers × slotsPerWorker slots; mpirun with fewer processes leaves some idle, and with more it fails or oversubscribes. Make -np equal to that product, or leave it out so that mpirun uses every slot.',
  },
  {
    code: 'MLW1501',
    name: 'image-tag-latest',
    severity: DiagnosticSeverity.Information,
    summary: 'An image with the `latest` tag or no tag.',
    explanation:
      'Such an image can change between runs, and different nodes of one job can pull different versions of it, which makes failures hard to reproduce. Pin a version tag or a digest (@sha256:...).',
  },
  {
    code: 'MLW1502',
    name: 'gpu-without-cpu-memory-limit',
    severity: DiagnosticSeverity.Information,
    summary: 'A container with GPUs but without cpu or memory limits.',
    explanation:
      'Without limits the training process can take the CPU and memory that other pods on the GPU node need, or be evicted when the node runs short. Set cpu and memory limits that fit the data loading.',
  },
] as const satisfies readonly RuleInfo[];
