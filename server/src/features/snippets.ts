// Whole-manifest snippets, offered at the top of an empty document. Written for this project.

export interface ManifestSnippet {
  readonly label: string;
  readonly kind: string;
  readonly body: string;
}

const pytorch = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: \${1:train}
spec:
  nprocPerNode: "\${2:2}"
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: \${3:ghcr.io/example/train:1.0.0}
              command: ["python", "-m", "train"]
              resources:
                limits:
                  cpu: "8"
                  memory: 32Gi
                  nvidia.com/gpu: \${2:2}
    Worker:
      replicas: \${4:2}
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: \${3:ghcr.io/example/train:1.0.0}
              command: ["python", "-m", "train"]
              resources:
                limits:
                  cpu: "8"
                  memory: 32Gi
                  nvidia.com/gpu: \${2:2}
`;

const mpi = `apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata:
  name: \${1:allreduce}
spec:
  slotsPerWorker: \${2:4}
  runPolicy:
    cleanPodPolicy: Running
  mpiReplicaSpecs:
    Launcher:
      replicas: 1
      template:
        spec:
          containers:
            - name: launcher
              image: \${3:ghcr.io/example/nccl-tests:2.30}
              command: ["mpirun", "-np", "\${5:8}", "all_reduce_perf", "-b", "8", "-e", "8G", "-f", "2", "-g", "1"]
    Worker:
      replicas: \${4:2}
      template:
        spec:
          containers:
            - name: worker
              image: \${3:ghcr.io/example/nccl-tests:2.30}
              resources:
                limits:
                  cpu: "16"
                  memory: 64Gi
                  nvidia.com/gpu: \${2:4}
`;

const tf = `apiVersion: kubeflow.org/v1
kind: TFJob
metadata:
  name: \${1:train}
spec:
  tfReplicaSpecs:
    Chief:
      replicas: 1
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: tensorflow
              image: \${2:ghcr.io/example/tf-train:1.0.0}
    Worker:
      replicas: \${3:2}
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: tensorflow
              image: \${2:ghcr.io/example/tf-train:1.0.0}
              resources:
                limits:
                  cpu: "8"
                  memory: 32Gi
                  nvidia.com/gpu: 1
`;

const volcano = `apiVersion: batch.volcano.sh/v1alpha1
kind: Job
metadata:
  name: \${1:mpi-job}
spec:
  schedulerName: volcano
  minAvailable: \${2:3}
  plugins:
    ssh: []
    svc: []
  tasks:
    - name: launcher
      replicas: 1
      policies:
        - event: TaskCompleted
          action: CompleteJob
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: launcher
              image: \${3:ghcr.io/example/mpi:1.0.0}
              command: ["mpirun", "--hostfile", "/etc/volcano/worker.host", "-np", "2", "./app"]
    - name: worker
      replicas: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: worker
              image: \${3:ghcr.io/example/mpi:1.0.0}
              resources:
                limits:
                  cpu: "8"
                  memory: 32Gi
                  nvidia.com/gpu: 1
`;

const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:eval}
spec:
  completions: \${2:4}
  parallelism: \${3:2}
  completionMode: Indexed
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: \${1:eval}
          image: \${4:ghcr.io/example/eval:1.0.0}
          resources:
            limits:
              cpu: "4"
              memory: 16Gi
              nvidia.com/gpu: 1
`;

const trainJob = `apiVersion: trainer.kubeflow.org/v1alpha1
kind: TrainJob
metadata:
  name: \${1:finetune}
spec:
  runtimeRef:
    name: \${2:torch-distributed}
  trainer:
    image: \${3:ghcr.io/example/finetune:1.0.0}
    numNodes: \${4:2}
    resourcesPerNode:
      limits:
        cpu: "32"
        memory: 128Gi
        nvidia.com/gpu: \${5:4}
`;

export const MANIFEST_SNIPPETS: readonly ManifestSnippet[] = [
  { label: 'PyTorchJob with 2 GPU workers', kind: 'kubeflow.org/v1/PyTorchJob', body: pytorch },
  { label: 'MPIJob for an allreduce test', kind: 'kubeflow.org/v2beta1/MPIJob', body: mpi },
  { label: 'TFJob with a chief and GPU workers', kind: 'kubeflow.org/v1/TFJob', body: tf },
  { label: 'Volcano Job running MPI', kind: 'batch.volcano.sh/v1alpha1/Job', body: volcano },
  { label: 'Indexed batch Job on GPUs', kind: 'batch/v1/Job', body: job },
  { label: 'TrainJob on a training runtime', kind: 'trainer.kubeflow.org/v1alpha1/TrainJob', body: trainJob },
];

/** A replica spec for one role, as a snippet body relative to the role's key column. */
export function replicaSnippet(role: string, container: string | undefined): string {
  return `${role}:
  replicas: \${1:1}
  restartPolicy: OnFailure
  template:
    spec:
      containers:
        - name: ${container ?? '${2:worker}'}
          image: \${3:image:tag}
`;
}
