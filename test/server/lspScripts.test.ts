// Batch scripts and NCCL variables through the built server over stdio.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Position } from 'vscode-languageserver-protocol';
import { startTestServer, type TestClient } from '../helpers/lspClient';

const SCRIPT = `#!/bin/bash
#SBATCH --job-name=allreduce
#SBATCH --nodes=2
#SBATCH --partiton=gpu
#SBATCH --gres=gpu:4
export NCCL_DEBUG=WARN
export NCCL_SOCKET_IFNAM=eth0
srun ./all_reduce_perf
`;

const JOB = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: env
spec:
  pytorchReplicaSpecs:
    Worker:
      replicas: 1
      template:
        spec:
          containers:
            - name: pytorch
              image: ghcr.io/example/train:1.0
              env:
                - name: NCCL_DEBUG
                  value: 
                - name: NCCL_IB_DISABEL
                  value: "1"
`;

function markdown(h: Hover | null): string {
  const c = h?.contents;
  return c !== undefined && typeof c === 'object' && 'value' in c ? c.value : '';
}

describe('language server over stdio: batch scripts and NCCL variables', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer();
  });
  after(async () => {
    await client.shutdown();
  });
  const request = <T>(method: string, uri: string, position: Position): Promise<T> => client.connection.sendRequest(method, { textDocument: { uri }, position });

  it('validates a .sbatch file: unknown option and misspelt NCCL variable, each with its quick fix', async () => {
    const uri = 'file:///work/train.sbatch';
    client.open(uri, SCRIPT);
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['MLW2001', 3, 8, 18],
      ['MLW3001', 6, 7, 24],
    ]);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, context: { diagnostics },
    });
    assert.deepEqual(actions.map((a) => [a.title, a.edit?.changes?.[uri]?.[0]?.newText]), [
      ['Change to --partition', '--partition'],
      ['Change to NCCL_SOCKET_IFNAME', 'NCCL_SOCKET_IFNAME'],
    ]);
  });

  it('completes #SBATCH options and their values, and NCCL names in export lines', async () => {
    const uri = 'file:///work/complete.sbatch';
    const text = '#!/bin/bash\n#SBATCH --par\n#SBATCH --mail-type=\nexport NCCL_PRO\n';
    client.open(uri, text);
    const options = await request<CompletionItem[]>('textDocument/completion', uri, { line: 1, character: 13 });
    const partition = options.find((i) => i.label === '--partition');
    assert.ok(partition);
    assert.equal(partition.textEdit?.newText, '--partition=$0');
    const edit = partition.textEdit;
    assert.ok('range' in edit);
    assert.deepEqual(edit.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } });
    const mail = (await request<CompletionItem[]>('textDocument/completion', uri, { line: 2, character: 20 })).map((i) => i.label);
    assert.ok(mail.includes('END') && mail.includes('FAIL'), mail.join(','));
    const names = (await request<CompletionItem[]>('textDocument/completion', uri, { line: 3, character: 15 })).map((i) => i.label);
    assert.ok(names.includes('NCCL_PROTO') && names.includes('NCCL_DEBUG'));
  });

  it('explains an option on hover and outlines the directives', async () => {
    const uri = 'file:///work/hover.sbatch';
    client.open(uri, SCRIPT);
    const h = await request<Hover | null>('textDocument/hover', uri, { line: 4, character: 11 });
    assert.match(markdown(h), /\*\*--gres=/);
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]).slice(0, 3), [['--job-name', 'allreduce'], ['--nodes', '2'], ['--partiton', 'gpu']]);
    assert.equal(symbols.at(-1)?.detail, 'first command');
  });

  it('completes NCCL names and values in a container env, and explains them on hover', async () => {
    const uri = 'file:///work/env.yaml';
    client.open(uri, JOB);
    const { diagnostics } = await client.diagnostics(uri);
    const misspelt = diagnostics.find((d) => d.code === 'MLW3001');
    assert.deepEqual(misspelt?.range.start, { line: 16, character: 24 });
    const values = (await request<CompletionItem[]>('textDocument/completion', uri, { line: 15, character: 25 })).map((i) => i.label);
    assert.ok(values.includes('INFO') && values.includes('WARN'), values.join(','));
    const names = (await request<CompletionItem[]>('textDocument/completion', uri, { line: 16, character: 28 })).map((i) => i.label);
    assert.ok(names.includes('NCCL_IB_DISABLE'));
    const h = await request<Hover | null>('textDocument/hover', uri, { line: 14, character: 28 });
    assert.match(markdown(h), /\*\*NCCL_DEBUG\*\*/);
  });

  it('gives a shell script without #SBATCH lines no diagnostics', async () => {
    const uri = 'file:///work/plain.sh';
    client.open(uri, '#!/bin/bash\nexport NCCL_DEBGU=INFO\necho hi\n');
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
  });
});
