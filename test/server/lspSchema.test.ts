// Schema and job-rule diagnostics through the built server over stdio (dist/server.js, which
// loads the precompiled validators from dist/validators).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type Diagnostic, type TestClient } from '../helpers/lspClient';

const PYTORCH_JOB = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: mnist
spec:
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/example/mnist:1.0
              imagePullPolcy: Always
    Worker:
      replicas: "2"
      restartPolicy: Onfailure
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/example/mnist:1.0
`;

function summary(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`);
}

describe('language server over stdio: schemas', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer();
  });
  after(async () => {
    await client.shutdown();
  });

  it('reports an unknown field, a wrong type and a bad enum value at their exact ranges', async () => {
    const uri = 'file:///work/mnist.yaml';
    client.open(uri, PYTORCH_JOB);
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(summary(diagnostics), [
      '14:14-14:28 MLW1002', // the key imagePullPolcy
      '16:16-16:19 MLW1001', // the value "2"
      '17:21-17:30 MLW1004', // the value Onfailure
    ]);
    const [unknown, type, enumValue] = diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.match(unknown ?? '', /Unknown field 'imagePullPolcy'.*Did you mean 'imagePullPolicy'\?/);
    assert.match(type ?? '', /Expected an integer, found the string "2"/);
    assert.match(enumValue ?? '', /use one of: Always, OnFailure, Never, ExitCode\. Did you mean 'OnFailure'\?/);
    assert.ok(diagnostics.every((d) => d.source === 'mlops' && d.severity === 1));
  });

  it('clears them as the fixes are typed, document by document in a multi-document file', async () => {
    const uri = 'file:///work/multi.yaml';
    const broken = `${PYTORCH_JOB}---\nkind: ConfigMap\napiVersion: v1\ndata: {a: "1"}\n---\n${PYTORCH_JOB.replace('mnist', 'second')}`;
    client.open(uri, broken, 1);
    const first = await client.diagnostics(uri, (p) => p.version === 1);
    assert.equal(first.diagnostics.length, 6);
    assert.deepEqual(first.diagnostics.slice(3).map((d) => d.range.start.line), [14 + 28, 16 + 28, 17 + 28]);
    const fixed = broken.replace('imagePullPolcy', 'imagePullPolicy').replace('replicas: "2"', 'replicas: 2').replace('Onfailure', 'OnFailure');
    client.change(uri, 2, fixed);
    const second = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(summary(second.diagnostics), ['42:14-42:28 MLW1002', '44:16-44:19 MLW1001', '45:21-45:30 MLW1004']);
  });

  it('gives documents of kinds it does not know no diagnostics at all', async () => {
    const uri = 'file:///work/other.yaml';
    client.open(uri, 'apiVersion: example.com/v1\nkind: Widget\nspec:\n  anything: [1, 2]\n  goes: {here: true}\n');
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
  });

  it('reports a missing required field on the key of the object that lacks it', async () => {
    const uri = 'file:///work/trainjob.yaml';
    client.open(uri, 'apiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\nmetadata:\n  name: t\nspec:\n  trainer:\n    numNodes: 2\n');
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(summary(diagnostics), ['4:0-4:4 MLW1003']);
    assert.match(JSON.stringify(diagnostics[0]?.message), /Missing required field 'runtimeRef' in 'spec'/);
  });
});
