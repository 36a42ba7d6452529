// The Kubernetes job backend as it runs in production (core/process run/start, argument lists, no
// shell) against a stand-in kubectl first on PATH, which answers with recordings of real kubectl
// output. test/fixtures/kubectl-recorded/SOURCES.md says where each recording came from.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readManifestJob } from '../../core/jobs/kubeManifest';
import { createKubernetesBackend, kubectlMessage } from '../../core/jobs/kubernetes';
import { jobStatus, podParts } from '../../core/jobs/kubeStatus';
import { run, start, ToolMissingError } from '../../core/process';
import type { JobRecord, KubeObjectRef, KubernetesLaunch } from '../../protocol';

const RECORDED = join(__dirname, '..', 'fixtures', 'kubectl-recorded');
const scratch = mkdtempSync(join(tmpdir(), 'mlops-kube-'));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let harnesses = 0;

/** A backend whose kubectl is the stand-in; `calls()` lists the argument lists it was given. */
function harness(overrides: Readonly<Record<string, string>> = {}, path = `${RECORDED}${delimiter}${process.env['PATH'] ?? ''}`) {
  const dir = join(scratch, `h${++harnesses}`);
  mkdirSync(dir);
  const log = join(dir, 'calls.jsonl');
  writeFileSync(log, '');
  const env = { ...process.env, PATH: path, KUBECTL_STANDIN_LOG: log, KUBECTL_STANDIN_OVERRIDES: JSON.stringify(overrides) };
  const backend = createKubernetesBackend({ run, start, env });
  const calls = (): string[][] => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  return { dir, backend, calls };
}

function record(kube: KubeObjectRef): JobRecord {
  return {
    id: `${kube.namespace}/${kube.kind}/${kube.name}`,
    backend: 'kubernetes',
    name: kube.name,
    state: 'PENDING',
    submittedAt: '2024-01-01T00:00:00.000Z',
    launch: { kind: 'kubernetes', manifest: 'job.yaml' },
    kube,
  };
}

function recorded(file: string): unknown {
  return JSON.parse(readFileSync(join(RECORDED, file), 'utf8'));
}

const PYTORCH_MANIFEST = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: pytorch-tcp-dist-mnist
spec:
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      template: {spec: {containers: [{name: pytorch, image: gcr.io/kubeflow-ci/pytorch-dist-mnist_test:1.0}]}}
    Worker:
      replicas: 3
      template: {spec: {containers: [{name: pytorch, image: gcr.io/kubeflow-ci/pytorch-dist-mnist_test:1.0}]}}
`;

const WORKFLOW_MANIFEST = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: scripts-bash-
spec:
  entrypoint: bash-script-example
  templates:
  - name: bash-script-example
    script: {image: debian:9.4, command: [bash], source: echo 50}
`;

describe('Kubernetes backend, against recorded kubectl output', () => {
  describe('submit', () => {
    it('applies a named job in the picked context and namespace, the path passed as one argument', async () => {
      const h = harness({ apply: 'get/pytorchjob-succeeded.json' });
      mkdirSync(join(h.dir, 'my jobs'));
      const file = join(h.dir, 'my jobs', 'pytorch simple; $(rm).yaml');
      writeFileSync(file, PYTORCH_MANIFEST);
      const spec: KubernetesLaunch = { kind: 'kubernetes', manifest: 'my jobs/pytorch simple; $(rm).yaml', context: 'kind-mlops', namespace: 'default' };
      const submitted = await h.backend.submit(spec, { cwd: h.dir, workDir: h.dir });
      assert.deepEqual(h.calls(), [['--context', 'kind-mlops', 'apply', '-f', file, '-o', 'json', '-n', 'default']]);
      assert.deepEqual(submitted, {
        id: 'default/PyTorchJob/pytorch-tcp-dist-mnist',
        name: 'pytorch-tcp-dist-mnist',
        file,
        ranks: 4,
        kube: { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'pytorch-tcp-dist-mnist', namespace: 'default', context: 'kind-mlops' },
      });
    });

    it('creates a job that has only generateName, and takes its name and namespace from what kubectl printed', async () => {
      const h = harness({ create: 'get/argo-workflow-failed.json' });
      writeFileSync(join(h.dir, 'wf.yaml'), WORKFLOW_MANIFEST);
      const submitted = await h.backend.submit({ kind: 'kubernetes', manifest: 'wf.yaml', name: 'bash steps' }, { cwd: h.dir, workDir: h.dir });
      assert.deepEqual(h.calls(), [['create', '-f', join(h.dir, 'wf.yaml'), '-o', 'json']]);
      assert.deepEqual(submitted, {
        id: 'default/Workflow/scripts-bash-5ksp4',
        name: 'bash steps',
        file: join(h.dir, 'wf.yaml'),
        kube: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'scripts-bash-5ksp4', namespace: 'default' },
      });
    });

    it('refuses a manifest without a job, and says which kinds it takes', async () => {
      const h = harness();
      writeFileSync(join(h.dir, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
      await assert.rejects(h.backend.submit({ kind: 'kubernetes', manifest: 'deploy.yaml' }, { cwd: h.dir, workDir: h.dir }), {
        message: 'deploy.yaml has no job to submit. Supported kinds: MPIJob, PyTorchJob, TFJob, XGBoostJob, PaddleJob, JAXJob (kubeflow.org); '
          + 'TrainJob (trainer.kubeflow.org); Job (batch.volcano.sh); Workflow (argoproj.io).',
      });
      assert.deepEqual(h.calls(), [], 'kubectl is not run');
    });

    it('refuses two jobs in one manifest', async () => {
      const h = harness();
      writeFileSync(join(h.dir, 'two.yaml'), `${PYTORCH_MANIFEST}---\n${WORKFLOW_MANIFEST}`);
      await assert.rejects(h.backend.submit({ kind: 'kubernetes', manifest: 'two.yaml' }, { cwd: h.dir, workDir: h.dir }), /two\.yaml has 2 jobs \(PyTorchJob pytorch-tcp-dist-mnist, Workflow scripts-bash-\); submit one job per manifest/);
    });

    it('passes on what kubectl says when it fails, trimmed', async () => {
      const h = harness();
      writeFileSync(join(h.dir, 'job.yaml'), PYTORCH_MANIFEST);
      await assert.rejects(h.backend.submit({ kind: 'kubernetes', manifest: 'job.yaml' }, { cwd: h.dir, workDir: h.dir }), {
        message: `error: resource mapping not found for name: "pytorch-tcp-dist-mnist" namespace: "" from "${join(h.dir, 'job.yaml')}": no matches for kind "PyTorchJob" in version "kubeflow.org/v1"\nensure CRDs are installed first`,
      });
    });

    it('counts the pods a manifest asks for', () => {
      const mpi = 'apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: pi}\nspec:\n  mpiReplicaSpecs:\n    Launcher: {replicas: 1}\n    Worker: {replicas: 2}\n';
      const volcano = 'apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: tf}\nspec:\n  tasks:\n  - {name: ps, replicas: 2}\n  - {name: worker, replicas: 3}\n';
      const trainJob = 'apiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\nmetadata: {name: t}\nspec:\n  runtimeRef: {name: torch-distributed}\n  trainer: {numNodes: 4}\n';
      const defaulted = 'apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata: {name: tf}\nspec:\n  tfReplicaSpecs:\n    Chief: {template: {}}\n    Worker: {replicas: 2}\n';
      assert.equal(readManifestJob(mpi, 'mpi.yaml').ranks, 3);
      assert.equal(readManifestJob(volcano, 'volcano.yaml').ranks, 5);
      assert.equal(readManifestJob(trainJob, 'train.yaml').ranks, 4);
      assert.equal(readManifestJob(defaulted, 'tf.yaml').ranks, 3, 'a replica spec without replicas is one pod');
      assert.equal(readManifestJob(WORKFLOW_MANIFEST, 'wf.yaml').ranks, undefined);
    });
  });

  describe('status', () => {
    const cases: readonly (readonly [KubeObjectRef, string, string, Record<string, string>])[] = [
      [{ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'pytorch-tcp-dist-mnist', namespace: 'default' }, 'pytorchjobs.v1.kubeflow.org', 'training.kubeflow.org/job-name=pytorch-tcp-dist-mnist',
        { state: 'COMPLETED', reason: 'PyTorchJob pytorch-tcp-dist-mnist is successfully completed.', startedAt: '2018-12-16T21:40:45Z', endedAt: '2018-12-16T21:43:27Z' }],
      [{ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'dist-mnist-for-e2e-test', namespace: 'kubeflow' }, 'tfjobs.v1.kubeflow.org', 'training.kubeflow.org/job-name=dist-mnist-for-e2e-test',
        { state: 'RUNNING', reason: 'TFJob dist-mnist-for-e2e-test is running.', startedAt: '2019-03-06T09:50:48Z' }],
      [{ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'tfjob-simple', namespace: 'kubeflow' }, 'tfjobs.v1.kubeflow.org', 'training.kubeflow.org/job-name=tfjob-simple',
        { state: 'COMPLETED', reason: 'TFJob kubeflow/tfjob-simple successfully completed.', startedAt: '2021-09-06T11:48:10Z', endedAt: '2021-09-06T11:49:30Z' }],
      [{ apiVersion: 'kubeflow.org/v1', kind: 'PaddleJob', name: 'paddle-simple-cpu', namespace: 'kubeflow' }, 'paddlejobs.v1.kubeflow.org', 'training.kubeflow.org/job-name=paddle-simple-cpu',
        { state: 'COMPLETED', reason: 'PaddleJob kubeflow/paddle-simple-cpu successfully completed.', startedAt: '2022-10-24T03:47:45Z', endedAt: '2022-10-24T04:04:43Z' }],
      [{ apiVersion: 'kubeflow.org/v1', kind: 'JAXJob', name: 'jaxjob-simple', namespace: 'kubeflow' }, 'jaxjobs.v1.kubeflow.org', 'training.kubeflow.org/job-name=jaxjob-simple',
        { state: 'COMPLETED', reason: 'JAXJob kubeflow/jaxjob-simple successfully completed.', startedAt: '2024-09-22T20:07:59Z', endedAt: '2024-09-22T20:11:34Z' }],
      [{ apiVersion: 'kubeflow.org/v2beta1', kind: 'MPIJob', name: 'tensorflow-benchmarks', namespace: 'default' }, 'mpijobs.v2beta1.kubeflow.org', 'training.kubeflow.org/job-name=tensorflow-benchmarks',
        { state: 'COMPLETED', reason: 'MPIJob default/tensorflow-benchmarks successfully completed.', startedAt: '2019-07-09T22:15:51Z', endedAt: '2019-07-09T22:17:06Z' }],
      [{ apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', name: 'job-1', namespace: 'default' }, 'jobs.v1alpha1.batch.volcano.sh', 'volcano.sh/job-name=job-1',
        { state: 'RUNNING' }],
      [{ apiVersion: 'batch.volcano.sh/v1alpha1', kind: 'Job', name: 'quickstart-job', namespace: 'default' }, 'jobs.v1alpha1.batch.volcano.sh', 'volcano.sh/job-name=quickstart-job',
        { state: 'COMPLETED', endedAt: '2025-05-28T08:41:11Z' }],
      [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'scripts-bash-5ksp4', namespace: 'default' }, 'workflows.v1alpha1.argoproj.io', 'workflows.argoproj.io/workflow=scripts-bash-5ksp4',
        { state: 'FAILED', reason: "child 'scripts-bash-5ksp4-1961198978' failed", startedAt: '2019-09-16T22:56:45Z', endedAt: '2019-09-16T22:58:59Z' }],
      [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'hello-world-7sm94', namespace: 'default' }, 'workflows.v1alpha1.argoproj.io', 'workflows.argoproj.io/workflow=hello-world-7sm94',
        { state: 'COMPLETED', startedAt: '2018-06-06T00:04:49Z', endedAt: '2018-06-06T00:05:23Z' }],
    ];
    for (const [ref, resource, selector, expected] of cases) {
      it(`${ref.kind} ${ref.name}: ${expected['state'] ?? ''}`, async () => {
        const h = harness();
        const { parts, ...update } = await h.backend.status(record(ref));
        assert.deepEqual(update, expected);
        assert.deepEqual(parts, [], 'no pods were recorded with this job');
        assert.deepEqual(h.calls(), [
          ['get', resource, ref.name, '-n', ref.namespace, '-o', 'json'],
          ['get', 'pods', '-n', ref.namespace, '-l', selector, '-o', 'json'],
        ]);
      });
    }

    it('asks in the context the job was submitted to', async () => {
      const h = harness();
      await h.backend.status(record({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'tfjob-simple', namespace: 'kubeflow', context: 'gke_ml' }));
      assert.deepEqual(h.calls().map((c) => c.slice(0, 3)), [['--context', 'gke_ml', 'get'], ['--context', 'gke_ml', 'get']]);
    });

    it('asks for the usual version of a kind when the record has no apiVersion (an id typed by hand)', async () => {
      const h = harness();
      const update = await h.backend.status(record({ apiVersion: '', kind: 'MPIJob', name: 'tensorflow-benchmarks', namespace: 'default' }));
      assert.equal(update.state, 'COMPLETED');
      assert.equal(h.calls()[0]?.[1], 'mpijobs.v2beta1.kubeflow.org');
    });

    it('says the object no longer exists once it is gone', async () => {
      const h = harness();
      const update = await h.backend.status(record({ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'deleted-job', namespace: 'default' }));
      assert.deepEqual(update, { state: 'UNKNOWN', reason: 'the object no longer exists' });
    });

    it('reads pods as parts: role from the operator labels, phase, restarts, node', () => {
      assert.deepEqual(podParts('kubeflow', recorded('pods/pytorchjob-neko-worker.json')), [
        { name: 'neko-tensorboard-job-test-202404181843-skxivllb-worker-0', role: 'worker-0', phase: 'Succeeded', restarts: 0, node: 'worker-a800-1' },
      ]);
      // MPIJob v2beta1 pods carry job-role, not replica-type; these were pasted without their status.
      assert.deepEqual(podParts('kubeflow', recorded('pods/mpijob-pi.json')), [
        { name: 'pi-launcher-tntsp', role: 'launcher-0', phase: 'Unknown' },
        { name: 'pi-worker-0', role: 'worker-1', phase: 'Unknown' },
      ]);
    });

    it('a final condition wins over a later Running one, and Failed is read with its message (conditions from issue reports)', () => {
      const failed = jobStatus('kubeflow', { status: { conditions: recorded('fragments/tfjob-failed-conditions.json') } });
      assert.deepEqual(failed, { state: 'FAILED', reason: 'TFJob code-search-train-0827-base is failed.', endedAt: '2018-08-28T00:04:32Z' });
      const done = jobStatus('kubeflow', { status: { conditions: recorded('fragments/mxjob-running-after-succeeded-conditions.json') } });
      assert.deepEqual(done, { state: 'COMPLETED', reason: 'MXJob mxtrain1 is successfully completed.', endedAt: '2022-07-22T06:53:06Z' });
    });

    it('TrainJob: no recording was found; its condition types (trainjob_types.go) map as documented', () => {
      const running = [{ name: 'p', phase: 'Running' }];
      assert.equal(jobStatus('trainjob', {}, []).state, 'PENDING');
      assert.equal(jobStatus('trainjob', { status: { conditions: [{ type: 'Suspended', status: 'False', reason: 'Resumed' }] } }, running).state, 'RUNNING');
      assert.equal(jobStatus('trainjob', { status: { conditions: [{ type: 'Suspended', status: 'True', reason: 'Suspended' }] } }).state, 'SUSPENDED');
      assert.equal(jobStatus('trainjob', { status: { conditions: [{ type: 'Complete', status: 'True' }] } }).state, 'COMPLETED');
      assert.equal(jobStatus('trainjob', { status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] } }).reason, 'DeadlineExceeded');
    });
  });

  describe('logs', () => {
    const jax = record({ apiVersion: 'kubeflow.org/v1', kind: 'JAXJob', name: 'jaxjob-simple', namespace: 'kubeflow' });
    const mpi = record({ apiVersion: 'kubeflow.org/v2beta1', kind: 'MPIJob', name: 'pi', namespace: 'default' });
    const jaxLog = readFileSync(join(RECORDED, 'logs/jaxjob-simple-worker-0.log'), 'utf8');
    const launcherLog = readFileSync(join(RECORDED, 'logs/tensorflow-benchmarks-launcher.log'), 'utf8');
    const prefixed = (log: string, prefix: string): string => log.replace(/\n$/, '').split('\n').map((l) => `${prefix}${l}\n`).join('');

    it('prints one pod, named by its pod name', async () => {
      const h = harness();
      let text = '';
      await h.backend.logs(jax, { follow: false, part: 'jaxjob-simple-worker-0', onText: (t) => (text += t) });
      assert.equal(text, prefixed(jaxLog, '[pod/jaxjob-simple-worker-0/jax] '));
      assert.deepEqual(h.calls(), [
        ['get', 'pods', '-n', 'kubeflow', '-l', 'training.kubeflow.org/job-name=jaxjob-simple', '-o', 'json'],
        ['logs', '-n', 'kubeflow', 'jaxjob-simple-worker-0', '--all-containers', '--prefix'],
      ]);
    });

    it('prints every pod of the job, one after the other, each line prefixed by its pod', async () => {
      const h = harness();
      let text = '';
      await h.backend.logs(mpi, { follow: false, onText: (t) => (text += t) });
      assert.equal(text, prefixed(launcherLog, '[pod/pi-launcher-tntsp/mpi-launcher] ') + prefixed(jaxLog, '[pod/pi-worker-0/mpi-worker] '));
      assert.deepEqual(h.calls().slice(1), [
        ['logs', '-n', 'default', 'pi-launcher-tntsp', '--all-containers', '--prefix'],
        ['logs', '-n', 'default', 'pi-worker-0', '--all-containers', '--prefix'],
      ]);
    });

    it('picks a pod by its role', async () => {
      const h = harness();
      await h.backend.logs(mpi, { follow: false, part: 'worker-1', onText: () => undefined });
      assert.deepEqual(h.calls()[1], ['logs', '-n', 'default', 'pi-worker-0', '--all-containers', '--prefix']);
    });

    it('follows every pod in whole lines until the signal aborts', { timeout: 30_000 }, async () => {
      const h = harness();
      const controller = new AbortController();
      let text = '';
      let sawBoth: () => void = () => undefined;
      const both = new Promise<void>((done) => (sawBoth = done));
      const following = h.backend.logs(mpi, {
        follow: true,
        signal: controller.signal,
        onText: (t) => {
          assert.ok(t.endsWith('\n'), 'only whole lines are passed on');
          text += t;
          if (text.includes('total images/sec: 308.27') && text.includes('[pod/pi-worker-0/mpi-worker] [2.]')) sawBoth();
        },
      });
      await both;
      controller.abort();
      await following;
      assert.deepEqual(h.calls().slice(1).sort(), [
        ['logs', '-n', 'default', 'pi-launcher-tntsp', '--all-containers', '--prefix', '-f'],
        ['logs', '-n', 'default', 'pi-worker-0', '--all-containers', '--prefix', '-f'],
      ]);
      const lines = text.split('\n').filter(Boolean);
      assert.equal(lines.length, 33 + 10);
      assert.ok(lines.every((l) => l.startsWith('[pod/pi-launcher-tntsp/mpi-launcher] ') || l.startsWith('[pod/pi-worker-0/mpi-worker] ')));
    });

    it('stops following by itself when the pod has ended', async () => {
      const h = harness();
      let text = '';
      await h.backend.logs(jax, { follow: true, part: 'jaxjob-simple-worker-0', onText: (t) => (text += t) });
      assert.equal(text, prefixed(jaxLog, '[pod/jaxjob-simple-worker-0/jax] '));
      assert.deepEqual(h.calls()[1], ['logs', '-n', 'kubeflow', 'jaxjob-simple-worker-0', '--all-containers', '--prefix', '-f']);
    });

    it('passes on kubectl\'s complaint about an unknown pod', async () => {
      const h = harness();
      await assert.rejects(h.backend.logs(jax, { follow: false, part: 'jaxjob-simple-worker-7', onText: () => undefined }), {
        message: 'Error from server (NotFound): pods "jaxjob-simple-worker-7" not found',
      });
    });
  });

  describe('cancel', () => {
    it('deletes the object without waiting for it to go', async () => {
      const h = harness();
      await h.backend.cancel(record({ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', name: 'pytorch-tcp-dist-mnist', namespace: 'default', context: 'kind-mlops' }));
      assert.deepEqual(h.calls(), [['--context', 'kind-mlops', 'delete', 'pytorchjobs.v1.kubeflow.org', 'pytorch-tcp-dist-mnist', '-n', 'default', '--wait=false']]);
    });

    it('takes an object that is already gone as deleted', async () => {
      const h = harness();
      await h.backend.cancel(record({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'gone-abcde', namespace: 'argo' }));
      assert.deepEqual(h.calls(), [['delete', 'workflows.v1alpha1.argoproj.io', 'gone-abcde', '-n', 'argo', '--wait=false']]);
    });
  });

  it('says to install kubectl when it is not on PATH', async () => {
    const empty = join(scratch, 'empty-path');
    mkdirSync(empty);
    const h = harness({}, empty);
    const job = record({ apiVersion: 'kubeflow.org/v1', kind: 'TFJob', name: 'tfjob-simple', namespace: 'kubeflow' });
    await assert.rejects(h.backend.status(job), (e) => e instanceof ToolMissingError && e.tool === 'kubectl' && /Install kubectl/.test(e.message));
    await assert.rejects(h.backend.logs(job, { follow: true, onText: () => undefined }), ToolMissingError);
  });
});


describe("kubectl's error messages", () => {
  it('keeps what kubectl says and drops its log lines', () => {
    // Recorded on this machine: `kubectl get pytorchjobs x -n ns -o json` (v1.32.4) with no cluster configured.
    const stderr = [
      'E1128 11:44:26.162778   22450 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"',
      'E1128 11:44:26.165753   22450 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"',
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
      '',
    ].join('\n');
    assert.equal(kubectlMessage(stderr), 'The connection to the server localhost:8080 was refused - did you specify the right host or port?');
    // Only log lines: they are the message.
    assert.equal(kubectlMessage('W1128 11:44:26.162778   22450 warnings.go:70] something odd\n'), 'W1128 11:44:26.162778   22450 warnings.go:70] something odd');
    assert.equal(kubectlMessage('Error from server (NotFound): pytorchjobs.kubeflow.org "x" not found\n'), 'Error from server (NotFound): pytorchjobs.kubeflow.org "x" not found');
  });
});
