import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { jobRules } from '../../server/src/rules/jobRules';
import { jobRuleTable } from '../../server/src/rules/jobs';
import { rulesFor } from '../../server/src/rules/registry';
import { msg, ruleChecks, rulesOnly } from '../helpers/ruleChecks';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';

// The rules beyond the schema for training jobs, on their own: a store without schemas.
const lint = rulesOnly(jobRules.map((r) => r.code));
const { only, expectOne, none } = ruleChecks(lint);

/** A PyTorchJob with a Master and 2 Workers, each with the container text given (indented 10). */
function pytorch(container: string, extraSpec = ''): string {
  const body = container.split('\n').map((l) => `          ${l}`).join('\n');
  return `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: mnist
spec:${extraSpec}
  pytorchReplicaSpecs:
    Master:
      template:
        spec:
          containers:
${body}
    Worker:
      replicas: 2
      template:
        spec:
          containers:
${body}
`;
}

const GOOD = '- name: pytorch\n  image: repo/train:1.0';

function mpiV2(opts: { slots?: string; launcher?: string; workerGpus?: number; workers?: number }): string {
  const slots = opts.slots === undefined ? '' : `\n  slotsPerWorker: ${opts.slots}`;
  const gpus = opts.workerGpus === undefined ? '' : `\n            resources:\n              limits:\n                nvidia.com/gpu: ${opts.workerGpus}\n                cpu: 8\n                memory: 64Gi`;
  return `apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata:
  name: hvd
spec:${slots}
  mpiReplicaSpecs:
    Launcher:
      replicas: 1
      template:
        spec:
          containers:
          - name: launcher
            image: repo/hvd:1.0
${opts.launcher ?? '            command: [mpirun, python, train.py]'}
    Worker:
      replicas: ${opts.workers ?? 2}
      template:
        spec:
          containers:
          - name: worker
            image: repo/hvd:1.0${gpus}
`;
}

describe('job rules: registry', () => {
  it('looks rules up per apiVersion/kind, and has none for other kinds', () => {
    assert.ok(rulesFor('kubeflow.org/v1/PyTorchJob').length > 0);
    assert.ok(rulesFor('batch.volcano.sh/v1alpha1/Job').length > 0);
    assert.equal(rulesFor('v1/ConfigMap').length, 0);
    assert.equal(rulesFor('kubeflow.org/v1/constructor').length, 0);
  });
});

describe('MLW1201 default container name', () => {
  it('points at the name of the only container and suggests renaming it', () => {
    const text = pytorch('- name: trainer\n  image: repo/train:1.0');
    const found = only(text, 'MLW1201');
    assert.equal(found.length, 2);
    assert.deepEqual([found[0]?.range.start.line, found[0]?.range.start.character, found[0]?.range.end.character], [10, 18, 25]);
    assert.ok(msg(found[0]).includes("Rename 'trainer' to 'pytorch'"), msg(found[0]));
  });
  it('is quiet with the default name, and for MPIJob (no fixed name)', () => {
    none(pytorch(GOOD), 'MLW1201');
    none(mpiV2({ slots: '1' }), 'MLW1201');
    none(mpiV2({ slots: '1' }).replace('kubeflow.org/v2beta1', 'kubeflow.org/v1'), 'MLW1201');
  });
});

describe('MLW1202 container image', () => {
  it('flags a container and an init container without image', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      initContainers:
      - name: fetch
      containers:
      - name: main
        image: ""
`;
    const found = only(text, 'MLW1202');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[8, 8], [11, 8]]);
    assert.ok(msg(found[0]).includes("Container 'fetch' has no image"));
    assert.ok(msg(found[0]).includes('init container'));
  });
  it('is quiet when every container has an image', () => {
    none(pytorch(GOOD), 'MLW1202');
  });
});

describe('MLW1203 replica type', () => {
  it('suggests the right case', () => {
    const text = pytorch(GOOD).replace('    Worker:', '    worker:');
    expectOne(text, 'MLW1203', 12, 4, "write 'Worker'");
  });
  it('suggests a close type for TFJob', () => {
    const text = 'apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata:\n  name: tf\nspec:\n  tfReplicaSpecs:\n    Evaluater:\n      replicas: 1\n';
    expectOne(text, 'MLW1203', 6, 4, "Did you mean 'Evaluator'?");
  });
  it('accepts the types of each kind', () => {
    none(pytorch(GOOD), 'MLW1203');
    none(mpiV2({ slots: '1' }), 'MLW1203');
  });
});

describe('MLW1204 replica counts', () => {
  it('requires a single PyTorchJob Master', () => {
    const text = pytorch(GOOD).replace('    Master:\n', '    Master:\n      replicas: 2\n');
    expectOne(text, 'MLW1204', 7, 16, 'Master replicas must be 1, not 2');
  });
  it('allows one of Chief and Master in a TFJob', () => {
    const text = 'apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata:\n  name: tf\nspec:\n  tfReplicaSpecs:\n    Chief:\n      replicas: 1\n    Master:\n      replicas: 1\n';
    expectOne(text, 'MLW1204', 8, 4, 'at most one of Chief and Master');
  });
  it('requires a single MPIJob Launcher', () => {
    expectOne(mpiV2({ slots: '1' }).replace('      replicas: 1\n', '      replicas: 3\n'), 'MLW1204', 8, 16, 'Launcher replicas must be 1, not 3');
  });
  it('takes an absent count as 1', () => {
    none(pytorch(GOOD), 'MLW1204');
  });
});

describe('MLW1205 MPIJob without slotsPerWorker', () => {
  it('points at spec', () => {
    expectOne(mpiV2({ workerGpus: 4 }), 'MLW1205', 4, 0, 'each worker has 4 GPUs');
  });
  it('is quiet when set, and for v1 MPIJob', () => {
    none(mpiV2({ slots: '1' }), 'MLW1205');
    none(mpiV2({}).replace('kubeflow.org/v2beta1', 'kubeflow.org/v1'), 'MLW1205');
  });
});

describe('MLW1206 job name', () => {
  it('flags a name that is not a DNS-1035 label', () => {
    expectOne(pytorch(GOOD).replace('name: mnist', 'name: My_Job'), 'MLW1206', 3, 8, "'My_Job' has upper-case letters");
    expectOne(pytorch(GOOD).replace('name: mnist', 'name: 1job'), 'MLW1206', 3, 8, 'does not start with a lowercase letter');
  });
  it('is quiet for a good name and for generateName', () => {
    none(pytorch(GOOD), 'MLW1206');
    none(pytorch(GOOD).replace('name: mnist', 'generateName: My_Job-'), 'MLW1206');
  });
});

describe('MLW1207 derived name length', () => {
  it('shows the arithmetic for a Kubeflow job', () => {
    const name = 'a'.repeat(55);
    const text = pytorch(GOOD).replace('name: mnist', `name: ${name}`).replace('replicas: 2', 'replicas: 100');
    expectOne(text, 'MLW1207', 3, 8, `'${name}-worker-99' would be 65 characters; the limit is 63 (name 55 + '-worker-' 8 + index '99' 2)`);
  });
  it('uses the task name for Volcano', () => {
    const name = 'b'.repeat(50);
    const text = `apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  tasks:\n  - name: parameter-server\n    replicas: 2\n`;
    expectOne(text, 'MLW1207', 3, 8, "name 50 + '-parameter-server-' 18 + index '1' 1");
  });
  it('is quiet when the names fit', () => {
    none(pytorch(GOOD).replace('name: mnist', `name: ${'a'.repeat(54)}`), 'MLW1207');
  });
});

const volcano = (spec: string): string => `apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata:\n  name: vj\nspec:\n${spec}`;

describe('MLW1301-1303 Volcano', () => {
  it('flags the second task of a repeated name', () => {
    expectOne(volcano('  tasks:\n  - name: a\n    replicas: 1\n  - name: a\n    replicas: 1\n'), 'MLW1301', 8, 10, "Task name 'a' is already used by task 1");
    none(volcano('  tasks:\n  - name: a\n  - name: b\n'), 'MLW1301');
  });
  it('flags a repeated event, through event and events, and * with another event', () => {
    const spec = '  policies:\n  - event: PodEvicted\n    action: RestartJob\n  - events: [PodFailed, PodEvicted]\n    action: AbortJob\n';
    expectOne(volcano(spec), 'MLW1302', 8, 24, "Event 'PodEvicted' already has a policy");
    const task = '  tasks:\n  - name: t\n    policies:\n    - event: PodFailed\n      action: RestartJob\n    - event: "*"\n      action: AbortJob\n';
    expectOne(volcano(task), 'MLW1302', 10, 13, "'*' (any event) and 'PodFailed'");
    none(volcano('  policies:\n  - event: PodEvicted\n    action: RestartJob\n  - event: PodFailed\n    action: AbortJob\n'), 'MLW1302');
  });
  it('flags minAvailable above the replicas, for the job and for a task', () => {
    const spec = '  minAvailable: 4\n  tasks:\n  - name: a\n    replicas: 1\n  - name: b\n    replicas: 2\n    minAvailable: 3\n';
    const found = only(volcano(spec), 'MLW1303');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[11, 18], [5, 16]]);
    assert.ok(msg(found[1]).includes('minAvailable is 4 but the tasks have 3 replicas in all (1 + 2)'));
    none(volcano('  minAvailable: 3\n  tasks:\n  - name: a\n    replicas: 1\n  - name: b\n    replicas: 2\n'), 'MLW1303');
  });
});

function gpuJob(resources: string): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: g
spec:
  template:
    spec:
      containers:
      - name: main
        image: repo/x:1.0
        resources:
${resources.split('\n').map((l) => `          ${l}`).join('\n')}
`;
}

describe('MLW1401-1402 GPU quantities', () => {
  it('requires GPUs in limits, equal to requests', () => {
    expectOne(gpuJob('requests:\n  nvidia.com/gpu: 1\n  cpu: 1'), 'MLW1401', 12, 12, 'requested but not in limits');
    expectOne(gpuJob('requests:\n  nvidia.com/gpu: 2\nlimits:\n  nvidia.com/gpu: "1"'), 'MLW1401', 12, 12, 'requests 2 but limits 1');
    none(gpuJob('limits:\n  nvidia.com/gpu: 1'), 'MLW1401');
    none(gpuJob('requests:\n  nvidia.com/gpu: "2"\nlimits:\n  nvidia.com/gpu: 2'), 'MLW1401');
  });
  it('takes whole, non-negative counts only, and points at the value', () => {
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: 1.5'), 'MLW1402', 12, 28, 'cannot be split');
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: 500m'), 'MLW1402', 12, 28, "'500m' is 0.5 of a GPU");
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: "1.5"'), 'MLW1402', 12, 28, "'1.5' is 1.5 of a GPU");
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: -1'), 'MLW1402', 12, 28, 'negative');
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: two'), 'MLW1402', 12, 28, 'not a quantity');
    none(gpuJob('limits:\n  nvidia.com/gpu: 2'), 'MLW1402');
    none(gpuJob('limits:\n  nvidia.com/gpu: "2"'), 'MLW1402');
  });
});

describe('MLW1403 slotsPerWorker against GPUs', () => {
  it('warns with the numbers', () => {
    expectOne(mpiV2({ slots: '1', workerGpus: 4 }), 'MLW1403', 5, 18, 'slotsPerWorker is 1 but each worker has 4 GPUs');
  });
  it('warns for a v1 MPIJob without slotsPerWorker', () => {
    expectOne(mpiV2({ workerGpus: 2 }).replace('kubeflow.org/v2beta1', 'kubeflow.org/v1'), 'MLW1403', 4, 0, 'each worker gets 1 slot');
  });
  it('is quiet when they match or the workers have no GPU', () => {
    none(mpiV2({ slots: '4', workerGpus: 4 }), 'MLW1403');
    none(mpiV2({ slots: '4' }), 'MLW1403');
    none(mpiV2({ workerGpus: 4 }), 'MLW1403');
  });
});

describe('MLW1404 processes per node against GPUs', () => {
  const gpus = '- name: pytorch\n  image: repo/train:1.0\n  resources:\n    limits:\n      nvidia.com/gpu: 4\n      cpu: 8\n      memory: 32Gi';
  it('warns for a PyTorchJob', () => {
    expectOne(pytorch(gpus, '\n  nprocPerNode: "8"'), 'MLW1404', 5, 16, 'nprocPerNode is 8 but each Master pod has 4 GPUs');
  });
  it('skips keywords and counts that fit', () => {
    none(pytorch(gpus, '\n  nprocPerNode: auto'), 'MLW1404');
    none(pytorch(gpus, '\n  nprocPerNode: 4'), 'MLW1404');
    none(pytorch(GOOD, '\n  nprocPerNode: 8'), 'MLW1404');
  });
  it('warns for a TrainJob', () => {
    const text = `apiVersion: trainer.kubeflow.org/v1alpha1
kind: TrainJob
metadata:
  name: tj
spec:
  runtimeRef:
    name: torch-distributed
  trainer:
    numNodes: 2
    numProcPerNode: 8
    resourcesPerNode:
      limits:
        nvidia.com/gpu: 2
`;
    expectOne(text, 'MLW1404', 9, 20, 'numProcPerNode is 8 but resourcesPerNode gives each node 2 GPUs');
    none(text.replace('numProcPerNode: 8', 'numProcPerNode: 2'), 'MLW1404');
  });
});

describe('MLW1405 mpirun -np', () => {
  it('compares -np with workers x slots', () => {
    const launcher = '            command: [mpirun, --allow-run-as-root, -np, "8", python, train.py]';
    expectOne(mpiV2({ slots: '2', launcher }), 'MLW1405', 14, 56, '-np 8, but 2 workers x 2 slots = 4');
    none(mpiV2({ slots: '4', launcher }), 'MLW1405');
  });
  it('reads an sh -c script', () => {
    const launcher = '            command: [sh, -c]\n            args: ["cd /w && mpiexec -n 3 python train.py -n 4"]';
    expectOne(mpiV2({ launcher }), 'MLW1405', 14, 19, '-np 3, but 2 workers x 1 slot = 2');
    none(mpiV2({ launcher: launcher.replace('-n 3', '-n 2') }), 'MLW1405');
  });
});

describe('MLW1501 image tag', () => {
  const image = (ref: string): string => gpuJob('{}').replace('image: repo/x:1.0', `image: ${ref}`);
  it('flags latest and no tag, at the value', () => {
    expectOne(image('nginx'), 'MLW1501', 9, 15, "'nginx' has no tag");
    expectOne(image('repo/x:latest'), 'MLW1501', 9, 15, "has the tag 'latest'");
    expectOne(image('localhost:5000/x'), 'MLW1501', 9, 15, 'has no tag');
  });
  it('accepts a version tag or a digest', () => {
    none(image('nginx:1.25'), 'MLW1501');
    none(image('localhost:5000/x:2.0'), 'MLW1501');
    none(image('repo/x@sha256:0123456789abcdef'), 'MLW1501');
  });
});

describe('MLW1502 GPUs without cpu or memory limits', () => {
  it('reports once per container, at resources', () => {
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: 1'), 'MLW1502', 10, 8, '1 GPU but no cpu or memory limit');
    expectOne(gpuJob('limits:\n  nvidia.com/gpu: 2\n  cpu: 4'), 'MLW1502', 10, 8, '2 GPUs but no memory limit');
  });
  it('is quiet with both limits, or without GPUs', () => {
    none(gpuJob('limits:\n  nvidia.com/gpu: 1\n  cpu: 4\n  memory: 16Gi'), 'MLW1502');
    none(gpuJob('limits:\n  cpu: 4'), 'MLW1502');
  });
});

describe('job rules on odd data', () => {
  const shapes = ['spec: null', 'spec: []', 'spec: 3', 'spec:\n  tasks: {a: 1}\n  pytorchReplicaSpecs: [1, 2]', 'spec:\n  tasks: [null, 1, [x]]\n  policies: [null, {event: [1]}, {events: x}]'];
  const more = ['spec:\n  mpiReplicaSpecs:\n    Launcher: null\n    Worker:\n      template:\n        spec:\n          containers: [null, 3, {resources: []}, {resources: {limits: {nvidia.com/gpu: null}}}]'];
  it('never throws, whatever the shape', () => {
    for (const key of Object.keys(jobRuleTable)) {
      const slash = key.lastIndexOf('/');
      for (const body of [...shapes, ...more, 'metadata: [x]\nspec:\n  trainer: [1]\n  template: {spec: {replicatedJobs: [null, {template: 1}]}}']) {
        const text = `apiVersion: ${key.slice(0, slash)}\nkind: ${key.slice(slash + 1)}\n${body}\n`;
        assert.doesNotThrow(() => lint(text), `${key}: ${body}`);
      }
    }
  });
});

describe('job rules on the corpus', () => {
  const skip = corpusSkipReason();
  const errorsIn = (file: string): Diagnostic[] => lint(readCorpusFile(file)).filter((d) => d.severity === 1);

  it('flags the three Volcano webhook-deny examples', { skip }, () => {
    const cases: [string, string][] = [
      ['volcano/example/invalid_jobs/duplicatedPolicyEvent-webhook-deny.yaml', 'MLW1302'],
      ['volcano/example/invalid_jobs/duplicatedTaskName-webhook-deny.yaml', 'MLW1301'],
      ['volcano/example/invalid_jobs/minAvailable-webhook-deny.yaml', 'MLW1303'],
    ];
    for (const [file, code] of cases) assert.deepEqual(errorsIn(file).map((d) => d.code), [code], file);
  });

  it('gives no error on upstream examples', { skip }, () => {
    const files = [
      'training-operator/examples/pytorch/simple.yaml',
      'training-operator/examples/tensorflow/dist-mnist/tf_job_mnist.yaml',
      'training-operator/examples/mpi/tensorflow-mnist.yaml',
      'mpi-operator/examples/v2beta1/tensorflow-benchmarks/tensorflow-benchmarks.yaml',
      'mpi-operator/examples/v2beta1/pi/pi.yaml',
      'volcano/example/job.yaml',
      'volcano/example/integrations/mpi/mpi-example.yaml',
    ];
    for (const file of files) assert.deepEqual(errorsIn(file).map(msg), [], file);
  });

  it('gives no error on any valid file of the kinds it handles', { skip }, () => {
    const valid = corpusRows().filter((r) => r.expect === 'valid' && r.kinds.some((k) => k in jobRuleTable));
    assert.ok(valid.length >= 40, `expected the training examples, found ${valid.length}`);
    const failures = valid.flatMap((r) => errorsIn(r.file).map((d) => `${r.file}:${d.range.start.line + 1} ${String(d.code)} ${msg(d)}`));
    assert.deepEqual(failures, []);
  });
});

describe('quick fixes carried by the job rules', () => {
  const fixOf = (d: { data?: unknown } | undefined): { title: string; edits: { range: { start: { line: number; character: number } }; newText: string }[] } | undefined =>
    (d?.data as { fix?: { title: string; edits: { range: { start: { line: number; character: number } }; newText: string }[] } } | undefined)?.fix;

  it('MLW1205: adds slotsPerWorker, set to the GPUs of a worker, as the first field of spec', () => {
    const text = `apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata:
  name: a
spec:
  mpiReplicaSpecs:
    Worker:
      replicas: 2
      template:
        spec:
          containers:
            - name: w
              image: repo/w:1
              resources:
                limits:
                  nvidia.com/gpu: 4
`;
    const fix = fixOf(only(text, 'MLW1205')[0]);
    assert.equal(fix?.title, 'Set slotsPerWorker to 4');
    assert.deepEqual(fix.edits.map((e) => [e.range.start, e.newText]), [[{ line: 5, character: 2 }, 'slotsPerWorker: 4\n  ']]);
  });

  it('MLW1401: renames a GPU-only requests to limits', () => {
    const text = pytorch('- name: pytorch\n  image: repo/train:1.0\n  resources:\n    requests:\n      nvidia.com/gpu: 2');
    const fix = fixOf(only(text, 'MLW1401')[0]);
    assert.deepEqual(fix?.edits.map((e) => e.newText), ['limits']);
  });
});
