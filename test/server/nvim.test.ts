// A second, independent LSP client: Neovim's built-in client (Debian's 0.7.2 has
// vim.lsp.start_client and push diagnostics only) attached to the built server.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SERVER_JS } from '../helpers/lspClient';

function nvimSkipReason(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const message = 'nvim not found (apt-get install neovim): the Neovim client test is SKIPPED';
  if (process.env['CI'] === 'true') throw new Error(`${message}. CI must install it (.ci/run).`);
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

const BROKEN_JOB = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: nvim-check
spec:
  pytorchReplicaSpecs:
    Worker:
      replicas: 2
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/example/train:1.0
              resources:
                requests:
                  nvidia.com/gpu: 1
`;

describe('Neovim as an LSP client', { skip: nvimSkipReason() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-nvim-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('receives our diagnostics for a broken PyTorchJob at the right line', () => {
    const file = join(dir, 'job.yaml');
    const out = join(dir, 'result.json');
    writeFileSync(file, BROKEN_JOB);
    const script = join(__dirname, '..', 'nvim', 'lsp.lua');
    const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${script}`, file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, MLOPS_SERVER: SERVER_JS, MLOPS_NODE: process.execPath, MLOPS_OUT: out },
    });
    assert.equal(run.status, 0, `nvim exited with ${String(run.status)}: ${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; diagnostics?: { code: string; range: { start: { line: number; character: number } }; message: string }[] };
    assert.equal(result.error, undefined);
    const gpu = result.diagnostics?.find((d) => d.code === 'MLW1401');
    assert.ok(gpu, JSON.stringify(result));
    assert.deepEqual(gpu.range.start, { line: 16, character: 18 });
    assert.match(gpu.message, /requested but not in limits/);
  });
});
