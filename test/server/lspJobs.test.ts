// The server's side of launching jobs: "Launch" code lenses, and mlops/fileErrors.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { FileErrorsResult, LaunchLensArgs } from '../../protocol';
import { startTestServer, type TestClient } from '../helpers/lspClient';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: train
spec: {}
---
# a workflow
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: pipeline-
`;

describe('language server over stdio: job launching', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer();
  });
  after(async () => {
    await client.shutdown();
  });

  it('puts a Launch lens above each job document, none above other kinds', async () => {
    const uri = 'file:///work/jobs.yaml';
    client.open(uri, MANIFESTS);
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
      [
        [5, '$(rocket) Launch PyTorchJob on Kubernetes', 'mlops.launchJob', [{ uri, backend: 'kubernetes', kind: 'PyTorchJob' } satisfies LaunchLensArgs]],
        [11, '$(rocket) Launch Workflow on Kubernetes', 'mlops.launchJob', [{ uri, backend: 'kubernetes', kind: 'Workflow' } satisfies LaunchLensArgs]],
      ],
    );
  });

  it('puts a Submit lens at the top of a batch script', async () => {
    const uri = 'file:///work/train.sbatch';
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text: '#!/bin/bash\n#SBATCH --ntasks=2\nsrun hostname\n' } });
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]), [[0, '$(rocket) Submit to Slurm', [{ uri, backend: 'slurm', kind: 'batch script' }]]]);
  });

  it('reports the errors of a file on disk that is not open, and none for a valid one', async () => {
    const broken = pathToFileURL(join(EXAMPLES, 'broken', 'pytorchjob-mistakes.yaml')).href;
    const result = await client.connection.sendRequest<FileErrorsResult>('mlops/fileErrors', { uri: broken });
    assert.ok(result.errors.length >= 3, result.errors.join('\n'));
    assert.ok(result.errors.every((e) => /^\d+:\d+ MLW\d{4} \S/.test(e)), result.errors.join('\n'));
    const valid = pathToFileURL(join(EXAMPLES, 'training', 'pytorchjob-2gpu.yaml')).href;
    assert.deepEqual(await client.connection.sendRequest<FileErrorsResult>('mlops/fileErrors', { uri: valid }), { errors: [] });
    const missing = await client.connection.sendRequest<FileErrorsResult>('mlops/fileErrors', { uri: 'file:///no/such/file.yaml' });
    assert.match(missing.errors[0] ?? '', /cannot be read/);
  });
});
